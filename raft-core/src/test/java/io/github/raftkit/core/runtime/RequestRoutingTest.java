package io.github.raftkit.core.runtime;

import static io.github.raftkit.core.runtime.RegisterStateMachine.bytes;
import static io.github.raftkit.core.runtime.RegisterStateMachine.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.RaftServer;
import io.github.raftkit.api.ReadConsistency;
import io.github.raftkit.api.error.NotLeaderException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Where proposals and reads are served: writes and linearizable reads at the leader, stale reads anywhere. */
class RequestRoutingTest {
    private static TestCluster cluster;
    private NodeId leader;
    private NodeId follower;

    @BeforeAll
    static void startCluster() {
        cluster = TestCluster.of(3).startAll();
    }

    @BeforeEach
    void findLeader() {
        leader = cluster.awaitLeader();
        follower = cluster.others(leader).get(0);
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void aFollowerRefusesProposalsAndNamesTheLeader() {
        NotLeaderException refusal = failure(NotLeaderException.class, cluster.server(follower).propose(bytes("x")));
        assertEquals(Optional.of(leader), refusal.leaderHint());
    }

    @Test
    void aFollowerRefusesLinearizableReadsAndNamesTheLeader() {
        NotLeaderException refusal = failure(NotLeaderException.class, cluster.server(follower).read(bytes("?")));
        assertEquals(Optional.of(leader), refusal.leaderHint());
    }

    @Test
    void aLinearizableReadAtTheLeaderSeesEveryWriteThatCompletedBeforeIt() throws Exception {
        RaftServer server = cluster.server(leader);
        for (int i = 0; i < 20; i++) {
            String value = "linearizable-" + i;
            server.propose(bytes(value)).get(30, TimeUnit.SECONDS);
            assertEquals(value, text(server.read(bytes("?")).get(30, TimeUnit.SECONDS)));
        }
    }

    @Test
    void aLeaseReadAtTheLeaderSeesTheLatestWrite() throws Exception {
        RaftServer server = cluster.server(leader);
        server.propose(bytes("lease")).get(30, TimeUnit.SECONDS);
        assertEquals("lease", text(server.read(bytes("?"), ReadConsistency.LEASE).get(30, TimeUnit.SECONDS)));
    }

    @Test
    void aStaleReadAtAFollowerCatchesUpWithTheLeader() throws Exception {
        cluster.server(leader).propose(bytes("stale")).get(30, TimeUnit.SECONDS);
        Await.until(follower + " serves the write from its own state", () -> "stale".equals(
                text(cluster.server(follower).read(bytes("?"), ReadConsistency.STALE).join())));
    }

    static <T extends Throwable> T failure(Class<T> expected, CompletableFuture<?> future) {
        ExecutionException thrown = assertThrows(ExecutionException.class, () -> future.get(30, TimeUnit.SECONDS));
        return assertInstanceOf(expected, thrown.getCause());
    }
}
