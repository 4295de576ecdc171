package io.github.raftkit.core.runtime;

import static io.github.raftkit.core.runtime.RegisterStateMachine.bytes;
import static io.github.raftkit.core.runtime.RegisterStateMachine.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.ReadConsistency;
import io.github.raftkit.api.client.ClientReply;
import io.github.raftkit.api.client.ClientRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Leader duties and held reads in a running cluster on the memory transport: the duties' proposals reach every
 * replica, a new leader's duties see everything committed before its term, and a held read is answered when the
 * command it waits for is applied, at the leader or at a follower.
 */
class StateMachineExtrasClusterTest {

    @Test
    void theLeadersDutiesProposeCommandsThatEveryReplicaApplies() {
        try (TestCluster cluster = TestCluster.withMachines(3, () -> new DutifulRegister(3)).startAll()) {
            NodeId leader = cluster.awaitLeader();
            long term = cluster.server(leader).status().term();
            List<String> expected = List.of("duty-" + term + "-1", "duty-" + term + "-2", "duty-" + term + "-3");
            cluster.awaitHistory(expected);
            for (NodeId other : cluster.others(leader)) {
                assertEquals(List.of(), ((DutifulRegister) cluster.machine(other)).starts(),
                        other + " follows, so its duties never started");
            }
        }
    }

    @Test
    void aNewLeadersDutiesSeeEveryCommandCommittedBeforeItsTerm() throws Exception {
        try (TestCluster cluster = TestCluster.withMachines(3, () -> new DutifulRegister(0)).startAll()) {
            NodeId first = cluster.awaitLeader();
            for (int i = 0; i < 20; i++) {
                cluster.server(first).propose(bytes("w" + i)).get(30, TimeUnit.SECONDS);
            }
            cluster.stop(first);
            NodeId second = cluster.awaitLeader();
            DutifulRegister machine = (DutifulRegister) cluster.machine(second);
            Await.until(second + "'s duties started", () -> !machine.starts().isEmpty());
            List<String> seen = machine.starts().get(0).applied();
            assertEquals(20, seen.size(), "duties started before the committed writes were applied: " + seen);
        }
    }

    @Test
    void aHeldReadIsAnsweredWhenTheCommandItWaitsForIsAppliedAtTheLeaderAndAtAFollower() throws Exception {
        try (TestCluster cluster = TestCluster.withMachines(3, () -> new DutifulRegister(0)).startAll()) {
            NodeId leader = cluster.awaitLeader();
            NodeId follower = cluster.others(leader).get(0);
            cluster.awaitHistory(List.of());
            CompletableFuture<ClientReply> atLeader = cluster.server(leader).handle(waiting(cluster, "go",
                    Duration.ofMinutes(1), ReadConsistency.LINEARIZABLE));
            CompletableFuture<ClientReply> atFollower = cluster.server(follower).handle(waiting(cluster, "go",
                    Duration.ofMinutes(1), ReadConsistency.LINEARIZABLE));
            cluster.server(leader).propose(bytes("other")).get(30, TimeUnit.SECONDS);
            cluster.awaitHistory(List.of("other"));
            assertFalse(atLeader.isDone() || atFollower.isDone(), "answered before what they wait for happened");

            cluster.server(leader).propose(bytes("go")).get(30, TimeUnit.SECONDS);
            assertEquals("seen:go", answer(atLeader));
            assertEquals("seen:go", answer(atFollower));
        }
    }

    @Test
    void aHeldReadWhoseWaitRunsOutGetsThePlainAnswer() throws Exception {
        try (TestCluster cluster = TestCluster.withMachines(3, () -> new DutifulRegister(0)).startAll()) {
            NodeId leader = cluster.awaitLeader();
            cluster.server(leader).propose(bytes("last")).get(30, TimeUnit.SECONDS);
            ClientReply reply = cluster.server(leader).handle(waiting(cluster, "never", Duration.ofMillis(100),
                    ReadConsistency.LINEARIZABLE)).get(30, TimeUnit.SECONDS);
            assertEquals("last", text(assertInstanceOf(ClientReply.Result.class, reply).value()));
        }
    }

    @Test
    void aHeldReadWhoseAnswerIsAlreadyThereIsAnsweredAtOnce() throws Exception {
        try (TestCluster cluster = TestCluster.withMachines(1, () -> new DutifulRegister(0)).startAll()) {
            NodeId leader = cluster.awaitLeader();
            cluster.server(leader).propose(bytes("done")).get(30, TimeUnit.SECONDS);
            CompletableFuture<ClientReply> reply = cluster.server(leader).handle(waiting(cluster, "done",
                    Duration.ofMinutes(1), ReadConsistency.STALE));
            assertEquals("seen:done", answer(reply));
            assertTrue(reply.isDone());
        }
    }

    private static ClientRequest.Read waiting(TestCluster cluster, String command, Duration wait,
                                              ReadConsistency consistency) {
        return new ClientRequest.Read(cluster.group(), consistency, bytes("await:" + command), wait);
    }

    private static String answer(CompletableFuture<ClientReply> reply) throws Exception {
        return text(assertInstanceOf(ClientReply.Result.class, reply.get(30, TimeUnit.SECONDS)).value());
    }
}
