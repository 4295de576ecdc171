package io.github.raftkit.core.runtime;

import static io.github.raftkit.core.runtime.RegisterStateMachine.bytes;
import static io.github.raftkit.core.runtime.RegisterStateMachine.text;
import static io.github.raftkit.core.runtime.RequestRoutingTest.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.RaftServer;
import io.github.raftkit.api.error.NotLeaderException;
import io.github.raftkit.api.error.OverloadedException;
import io.github.raftkit.api.error.RaftTimeoutException;
import io.github.raftkit.api.error.ShutdownException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How a request ends when it cannot succeed: refused as overloaded, timed out, or failed by a shutdown. */
class RequestLifecycleTest {

    @Test
    void requestsBeyondThePendingCapFailAtOnceAsOverloaded() throws Exception {
        try (TestCluster cluster = TestCluster.of(1, config -> config.maxPendingProposals(4))) {
            NodeId node = NodeId.of("n1");
            RaftServer server = cluster.start(node);
            cluster.awaitLeader();
            cluster.machine(node).block();
            try {
                List<CompletableFuture<byte[]>> admitted =
                        IntStream.range(0, 4).mapToObj(i -> server.propose(bytes("p" + i))).toList();

                CompletableFuture<byte[]> refused = server.propose(bytes("one too many"));
                assertTrue(refused.isCompletedExceptionally(), "refused before any work is done");
                failure(OverloadedException.class, refused);
                failure(OverloadedException.class, server.read(bytes("?")));
                assertFalse(admitted.stream().anyMatch(CompletableFuture::isDone));

                cluster.machine(node).release();
                CompletableFuture.allOf(admitted.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
                assertEquals("p3", text(server.read(bytes("?")).get(30, TimeUnit.SECONDS)));
            } finally {
                cluster.machine(node).release();
            }
        }
    }

    @Test
    void proposalsAndReadsTimeOutWhenTheLeaderCannotReachAMajority() {
        // Without CheckQuorum the cut-off leader keeps leading, so its requests wait rather than being redirected.
        try (TestCluster cluster = TestCluster.of(3, config -> config.checkQuorum(false)
                .requestTimeout(Duration.ofMillis(300))).startAll()) {
            NodeId leader = cluster.awaitLeader();
            cluster.others(leader).forEach(cluster::stop);

            RaftServer server = cluster.server(leader);
            failure(RaftTimeoutException.class, server.propose(bytes("lost")));
            failure(RaftTimeoutException.class, server.read(bytes("?")));
        }
    }

    @Test // dissertation §6.4: a deposed leader cannot confirm a read index, so its pending reads fail at once
    void readsPendingAtALeaderThatIsDeposedFailFastWithNotLeader() {
        // CheckQuorum deposes the cut-off leader after an election timeout, long before the request timeout.
        try (TestCluster cluster = TestCluster.of(3, config -> config.requestTimeout(Duration.ofSeconds(60)))
                .startAll()) {
            NodeId leader = cluster.awaitLeader();
            cluster.others(leader).forEach(cluster::stop);
            RaftServer server = cluster.server(leader);
            CompletableFuture<byte[]> pendingRead = server.read(bytes("?"));

            failure(NotLeaderException.class, pendingRead);
        }
    }

    @Test
    void stoppingFailsPendingAndLaterRequestsWithShutdown() {
        try (TestCluster cluster = TestCluster.of(3, config -> config.checkQuorum(false)).startAll()) {
            NodeId leader = cluster.awaitLeader();
            cluster.others(leader).forEach(cluster::stop);
            RaftServer server = cluster.server(leader);
            CompletableFuture<byte[]> pendingProposal = server.propose(bytes("never committed"));
            CompletableFuture<byte[]> pendingRead = server.read(bytes("?"));

            cluster.stop(leader);

            failure(ShutdownException.class, pendingProposal);
            failure(ShutdownException.class, pendingRead);
            failure(ShutdownException.class, server.propose(bytes("too late")));
            server.stop().join(); // stopping again is harmless
        }
    }
}
