package io.github.raftkit.core.runtime;

import static io.github.raftkit.core.runtime.RegisterStateMachine.bytes;
import static io.github.raftkit.core.runtime.RegisterStateMachine.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.RaftServer;
import io.github.raftkit.api.Role;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Three members in one JVM replicate commands, survive losing their leader, and a restarted member catches up. */
class ClusterReplicationTest {

    @Test
    void electsOneLeaderAndEveryReplicaAppliesTheSameThousandCommands() throws Exception {
        try (TestCluster cluster = TestCluster.of(3).startAll()) {
            NodeId leader = cluster.awaitLeader();

            List<String> commands = commands("a", 1_000);
            List<byte[]> results = proposeAll(cluster.server(leader), commands);

            for (int i = 0; i < commands.size(); i++) {
                assertTrue(text(results.get(i)).endsWith(":" + commands.get(i)), "result of " + commands.get(i));
            }
            cluster.awaitHistory(commands);
            assertEquals(1, cluster.runningMembers().stream()
                    .filter(node -> cluster.server(node).status().role() == Role.LEADER).count());
        }
    }

    @Test
    void aNewLeaderTakesOverWhenTheLeaderStopsAndARestartedMemberCatchesUp() throws Exception {
        try (TestCluster cluster = TestCluster.of(3).startAll()) {
            NodeId first = cluster.awaitLeader();
            List<String> history = new ArrayList<>(commands("before", 100));
            proposeAll(cluster.server(first), history);

            cluster.stop(first);
            NodeId second = cluster.awaitLeader();
            assertNotEquals(first, second);
            List<String> after = commands("after", 100);
            proposeAll(cluster.server(second), after);
            history.addAll(after);
            cluster.awaitHistory(history);

            cluster.start(first);
            cluster.awaitHistory(history);
            assertEquals(second, cluster.awaitLeader(), "the restarted member rejoins without disrupting the leader");
        }
    }

    @Test
    void theLeadersStatusShowsHowFarEachFollowerHasReplicated() throws Exception {
        try (TestCluster cluster = TestCluster.of(3).startAll()) {
            NodeId leader = cluster.awaitLeader();
            RaftServer server = cluster.server(leader);
            server.propose(bytes("x")).get(10, TimeUnit.SECONDS);

            Await.until("the leader knows both followers hold its whole log", () -> {
                var status = server.status();
                return status.replication().keySet().equals(Set.copyOf(cluster.others(leader)))
                        && status.replication().values().stream().allMatch(match -> match == status.lastLogIndex());
            });
            assertTrue(cluster.server(cluster.others(leader).get(0)).status().replication().isEmpty(),
                    "a follower reports no replication progress");
        }
    }

    @Test
    void metersReportTheLeadersRoleTermAndProposals() throws Exception {
        try (TestCluster cluster = TestCluster.of(3).startAll()) {
            NodeId leader = cluster.awaitLeader();
            proposeAll(cluster.server(leader), commands("m", 10));

            MeterRegistry registry = cluster.registry();
            String node = leader.value();
            assertEquals(1.0, registry.get("raft.role").tags("node", node, "role", "leader").gauge().value());
            assertTrue(registry.get("raft.term").tags("node", node).gauge().value() >= 1);
            // Meters count a proposal just after its caller hears back, so the last one may lag by a moment.
            Await.until("10 proposals counted as succeeded", () -> registry.get("raft.proposals")
                    .tags("node", node, "outcome", "succeeded").counter().count() == 10.0);
            Await.until("10 proposal latencies recorded", () -> registry.get("raft.proposal.latency")
                    .tags("node", node).timer().count() == 10);
            assertTrue(registry.get("raft.fsync.latency").tags("node", node).timer().count() >= 1);
            assertTrue(registry.get("raft.leader.changes").tags("node", node).counter().count() >= 1);
        }
    }

    private static List<String> commands(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
    }

    /** Proposes every command without waiting in between, then waits for all of them. */
    private static List<byte[]> proposeAll(RaftServer server, List<String> commands) throws Exception {
        List<CompletableFuture<byte[]>> futures = commands.stream().map(c -> server.propose(bytes(c))).toList();
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        return futures.stream().map(CompletableFuture::join).toList();
    }
}
