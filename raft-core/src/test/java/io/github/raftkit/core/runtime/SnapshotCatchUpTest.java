package io.github.raftkit.core.runtime;

import static io.github.raftkit.core.runtime.RegisterStateMachine.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.RaftServer;
import io.github.raftkit.api.ReadConsistency;
import io.github.raftkit.api.ServerStatus;
import io.github.raftkit.api.SnapshotPolicy;
import io.github.raftkit.api.spi.SnapshotMetadata;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Raft paper §7 end to end: a follower that missed a compacted stretch of the log catches up through InstallSnapshot
 * while clients keep writing, and snapshot work never starves heartbeats. The command count is
 * {@code raftkit.snapshot.commands} (100,000 by default, as the snapshot issue asks).
 */
class SnapshotCatchUpTest {
    private static final int COMMANDS = Integer.getInteger("raftkit.snapshot.commands", 100_000);
    private static final int WINDOW = 2_000;

    @Test
    void followerStoppedWhileTheLogIsCompactedCatchesUpThroughInstallSnapshot() throws Exception {
        SnapshotPolicy policy = new SnapshotPolicy(5_000, 0, 500, 64 << 10);
        try (TestCluster cluster = TestCluster.of(3, builder -> builder.snapshots(policy)).startAll()) {
            NodeId leader = cluster.awaitLeader();
            NodeId follower = cluster.others(leader).get(0);
            long term = cluster.server(leader).status().term();
            cluster.stop(follower);

            proposeAll(cluster.server(leader), 0, COMMANDS);
            SnapshotMetadata compacted = cluster.server(leader).snapshot().get(30, TimeUnit.SECONDS);
            assertTrue(compacted.lastIncludedIndex() >= COMMANDS, "the leader snapshotted everything: " + compacted);

            // The follower comes back while clients keep writing; its log ends far below the leader's first entry.
            RaftServer restarted = cluster.start(follower);
            CompletableFuture<Void> more = CompletableFuture.runAsync(() -> proposeAll(cluster.server(leader),
                    COMMANDS, 5_000));
            more.get(120, TimeUnit.SECONDS);
            cluster.server(leader).propose(bytes("last")).get(30, TimeUnit.SECONDS);

            List<String> history = cluster.machine(leader).history();
            assertEquals(COMMANDS + 5_001, history.size());
            cluster.awaitHistory(history);
            assertEquals("last", RegisterStateMachine.text(
                    restarted.read(bytes("?"), ReadConsistency.STALE).get(30, TimeUnit.SECONDS)));

            Timer installs = cluster.registry().find("raft.snapshot.install").tag("node", follower.value()).timer();
            assertTrue(installs != null && installs.count() >= 1, "the follower caught up through InstallSnapshot");
            for (NodeId node : cluster.runningMembers()) {
                ServerStatus status = cluster.server(node).status();
                assertEquals(term, status.term(), node + ": no election while snapshots were taken, sent and "
                        + "installed under load");
                assertEquals(leader, status.leader().orElseThrow());
            }
        }
    }

    /** Proposes {@code count} commands, at most {@link #WINDOW} at a time, and waits for every one. */
    private static void proposeAll(RaftServer leader, int first, int count) {
        ArrayDeque<CompletableFuture<byte[]>> inFlight = new ArrayDeque<>();
        for (int i = first; i < first + count; i++) {
            if (inFlight.size() == WINDOW) {
                inFlight.poll().join();
            }
            inFlight.add(leader.propose(bytes("c" + i)));
        }
        inFlight.forEach(CompletableFuture::join);
    }
}
