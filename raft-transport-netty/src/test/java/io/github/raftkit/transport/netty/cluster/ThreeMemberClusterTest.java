package io.github.raftkit.transport.netty.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.RaftServer;
import io.github.raftkit.api.error.NotLeaderException;
import io.github.raftkit.core.testing.AppendOnlyStateMachine;
import io.github.raftkit.transport.netty.Eventually;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Must-show story: three members in one JVM, over real loopback sockets through the {@code netty} transport
 * (with {@code memory} storage), elect a leader, commit 10,000 commands, lose the leader, elect another, commit
 * more, and end with identical state machines.
 */
class ThreeMemberClusterTest {
    private static final int FIRST_BATCH = 10_000;
    private static final int SECOND_BATCH = 1_000;
    /** Proposals in flight at once: enough to batch, far below the server's pending-proposal cap. */
    private static final int WINDOW = 256;

    @Test
    void electsCommitsLosesItsLeaderReElectsAndEndsIdentical() {
        try (NettyCluster cluster = NettyCluster.start(GroupId.of("three-members"))) {
            NodeId first = cluster.awaitLeader();
            proposeAll(cluster.server(first), 0, FIRST_BATCH);

            cluster.stop(first);
            NodeId second = cluster.awaitLeader();
            assertNotEquals(first, second);
            proposeAll(cluster.server(second), FIRST_BATCH, SECOND_BATCH);

            int total = FIRST_BATCH + SECOND_BATCH;
            List<AppendOnlyStateMachine> survivors = List.copyOf(cluster.machines().values());
            Eventually.await("both survivors applied all " + total + " commands",
                    () -> survivors.stream().allMatch(machine -> machine.size() == total),
                    () -> cluster.machines().toString());
            assertEquals(survivors.get(0).values(), survivors.get(1).values());
            List<Integer> applied = survivors.get(0).values();
            for (int i = 0; i < total; i++) {
                assertEquals(i, applied.get(i), "command " + i + " applied out of order or twice");
            }
        }
    }

    /** Proposes commands {@code from .. from+count-1} in order, at most {@link #WINDOW} in flight, and waits for all. */
    private static void proposeAll(RaftServer leader, int from, int count) {
        Semaphore window = new Semaphore(WINDOW);
        List<CompletableFuture<byte[]>> pending = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            window.acquireUninterruptibly();
            CompletableFuture<byte[]> result = leader.propose(ByteBuffer.allocate(4).putInt(i).array());
            result.whenComplete((value, failure) -> window.release());
            pending.add(result);
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof NotLeaderException) {
                throw new AssertionError("leadership moved while the test proposed; the run is void, not flaky: "
                        + e.getCause().getMessage(), e);
            }
            throw e;
        }
    }
}
