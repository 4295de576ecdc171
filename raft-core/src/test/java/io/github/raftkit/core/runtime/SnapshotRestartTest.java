package io.github.raftkit.core.runtime;

import static io.github.raftkit.core.runtime.RegisterStateMachine.bytes;
import static io.github.raftkit.core.runtime.RegisterStateMachine.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.RaftServer;
import io.github.raftkit.api.ReadConsistency;
import io.github.raftkit.api.SnapshotPolicy;
import io.github.raftkit.api.spi.SnapshotMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Restart with snapshots (Raft paper §7): the newest snapshot, then the log after it; no stale state is served. */
class SnapshotRestartTest {
    private static final SnapshotPolicy OFTEN = new SnapshotPolicy(100, 0, 10, 4096);

    @Test
    void restartedMemberRestoresItsNewestSnapshotThenReplaysTheLogAfterIt() throws Exception {
        try (TestCluster cluster = TestCluster.of(3, builder -> builder.snapshots(OFTEN)).startAll()) {
            NodeId leader = cluster.awaitLeader();
            NodeId follower = cluster.others(leader).get(0);
            propose(cluster.server(leader), "a", 1_000);
            cluster.awaitHistory(cluster.machine(leader).history());
            SnapshotMetadata snapshot = cluster.server(follower).snapshot().get(30, TimeUnit.SECONDS);
            propose(cluster.server(leader), "b", 30);
            cluster.awaitHistory(cluster.machine(leader).history());

            cluster.stop(follower);
            cluster.start(follower);

            cluster.awaitHistory(cluster.machine(leader).history());
            assertEquals(1, cluster.machine(follower).restores(), "the state came from the snapshot");
            assertTrue(snapshot.lastIncludedIndex() >= 1_000, "snapshot through " + snapshot);
        }
    }

    @Test
    void restartedMemberServesNoStaleReadBeforeApplyingWhatALeaderCommitted() throws Exception {
        try (TestCluster cluster = TestCluster.of(3, builder -> builder.snapshots(OFTEN)).startAll()) {
            NodeId leader = cluster.awaitLeader();
            NodeId follower = cluster.others(leader).get(0);
            propose(cluster.server(leader), "a", 300);
            cluster.stop(follower);
            propose(cluster.server(leader), "b", 300);

            RaftServer restarted = cluster.start(follower);
            byte[] read = restarted.read(bytes("?"), ReadConsistency.STALE).get(30, TimeUnit.SECONDS);

            assertEquals("b299", text(read), "the read waited until everything committed before was applied");
        }
    }

    @Test
    void snapshotOnDemandWithNothingNewReturnsTheNewest() throws Exception {
        try (TestCluster cluster = TestCluster.of(1, builder -> builder.snapshots(new SnapshotPolicy(0, 0, 0, 4096)))
                .startAll()) {
            RaftServer only = cluster.server(cluster.awaitLeader());
            propose(only, "a", 10);
            SnapshotMetadata first = only.snapshot().get(30, TimeUnit.SECONDS);
            SnapshotMetadata again = only.snapshot().get(30, TimeUnit.SECONDS);

            assertEquals(first, again);
            assertEquals(only.status().appliedIndex(), first.lastIncludedIndex());
        }
    }

    private static void propose(RaftServer leader, String prefix, int count) {
        List<CompletableFuture<byte[]>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            futures.add(leader.propose(bytes(prefix + i)));
        }
        futures.forEach(CompletableFuture::join);
    }
}
