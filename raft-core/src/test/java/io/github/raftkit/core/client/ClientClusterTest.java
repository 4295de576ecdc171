package io.github.raftkit.core.client;

import static io.github.raftkit.core.runtime.RegisterStateMachine.bytes;
import static io.github.raftkit.core.runtime.RegisterStateMachine.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.ReadConsistency;
import io.github.raftkit.api.client.ClientConfig;
import io.github.raftkit.api.client.ClientReply;
import io.github.raftkit.api.client.ClientRequest;
import io.github.raftkit.api.client.RaftClient;
import io.github.raftkit.api.spi.ClientTransport;
import io.github.raftkit.core.assembly.RaftClients;
import io.github.raftkit.core.memory.MemoryClientTransportProvider;
import io.github.raftkit.core.runtime.TestCluster;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A {@link ClusterClient} against a cluster in this JVM over the memory transport. */
class ClientClusterTest {

    private static Endpoint endpoint(TestCluster cluster, NodeId node) {
        return cluster.config(node).membership().endpoint(node);
    }

    private static ClientConfig.Builder clientOf(TestCluster cluster, NodeId... nodes) {
        ClientConfig.Builder builder = ClientConfig.builder().group(cluster.config(nodes[0]).group())
                .transport("memory").requestTimeout(Duration.ofSeconds(20)).attemptTimeout(Duration.ofSeconds(1));
        for (NodeId node : nodes) {
            builder.endpoint(endpoint(cluster, node));
        }
        return builder;
    }

    private static double served(TestCluster cluster, NodeId node, String type) {
        return cluster.registry().find("raft.client.requests").tag("node", node.toString()).tag("type", type)
                .tag("outcome", "ok").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test // dissertation §6.2: a client that knows one follower still reaches the leader
    void aClientThatKnowsOnlyAFollowerHasItsWritesForwardedToTheLeader() {
        try (TestCluster cluster = TestCluster.of(3).startAll()) {
            NodeId leader = cluster.awaitLeader();
            NodeId follower = cluster.others(leader).get(0);
            try (RaftClient client = RaftClients.connect(clientOf(cluster, follower).build(), cluster.registry())) {

                String result = text(client.submit(bytes("x")));

                assertTrue(result.endsWith(":x"), result);
                cluster.awaitHistory(List.of("x"));
                assertTrue(served(cluster, follower, "write") >= 1, "the follower answered the write");
                assertTrue(served(cluster, leader, "write") >= 1, "the leader served the forwarded write");
            }
        }
    }

    @Test // dissertation §6.4: a follower serves a linearizable read after the leader confirms a read index
    void aLinearizableReadAtAFollowerSeesEveryWriteAcknowledgedBeforeIt() {
        try (TestCluster cluster = TestCluster.of(3).startAll()) {
            NodeId leader = cluster.awaitLeader();
            NodeId follower = cluster.others(leader).get(0);
            try (RaftClient writer = RaftClients.connect(clientOf(cluster, leader).build(), cluster.registry());
                 RaftClient reader = RaftClients.connect(clientOf(cluster, follower).build(), cluster.registry())) {
                for (int i = 1; i <= 20; i++) {
                    writer.submit(bytes("v" + i));

                    assertEquals("v" + i, text(reader.query(bytes("last"))));
                }
                assertTrue(served(cluster, follower, "read.linearizable") >= 20, "the follower served the reads");
                assertTrue(served(cluster, leader, "readbarrier") >= 20, "the leader confirmed each read index");
            }
        }
    }

    @Test // dissertation §6.4.1: a lease read needs the leader's lease, so a follower passes it on
    void aLeaseReadAskedAtAFollowerIsForwardedToTheLeader() {
        try (TestCluster cluster = TestCluster.of(3).startAll()) {
            NodeId leader = cluster.awaitLeader();
            NodeId follower = cluster.others(leader).get(0);
            try (RaftClient client = RaftClients.connect(clientOf(cluster, follower).build(), cluster.registry())) {
                client.submit(bytes("leased"));

                assertEquals("leased", text(client.query(bytes("last"), ReadConsistency.LEASE)));
                assertTrue(served(cluster, leader, "read.lease") >= 1, "the leader served the lease read");
            }
        }
    }

    @Test
    void anInProcessClientServesItsOwnMembersRequestsWithoutTheNetwork() {
        try (TestCluster cluster = TestCluster.of(3).startAll()) {
            NodeId leader = cluster.awaitLeader();
            ClientTransport unreachable = new ClientTransport() {
                @Override
                public CompletableFuture<ClientReply> call(Endpoint to, ClientRequest request, Duration timeout) {
                    return CompletableFuture.failedFuture(new ConnectException("no network in this test"));
                }

                @Override
                public void close() {
                }
            };
            ClientTransport transport = ClusterClient.inProcessTransport(cluster.server(leader),
                    endpoint(cluster, leader), unreachable);
            try (RaftClient client = new ClusterClient(clientOf(cluster, leader).build(), transport,
                    new SimpleMeterRegistry())) {
                client.submit(bytes("local"));

                assertEquals("local", text(client.query(bytes("last"))));
            }
        }
    }

    @Test // dissertation §6.4: stale reads are an explicit choice, served by any member from what it applied
    void aStaleReadIsServedByTheMemberAsked() {
        try (TestCluster cluster = TestCluster.of(3).startAll()) {
            NodeId leader = cluster.awaitLeader();
            NodeId follower = cluster.others(leader).get(0);
            try (RaftClient writer = RaftClients.connect(clientOf(cluster, leader).build(), cluster.registry());
                 RaftClient reader = RaftClients.connect(clientOf(cluster, follower).build(), cluster.registry())) {
                writer.submit(bytes("w"));
                cluster.awaitHistory(List.of("w"));

                assertEquals("w", text(reader.query(bytes("last"), ReadConsistency.STALE)));
                assertTrue(served(cluster, follower, "read.stale") >= 1);
            }
        }
    }

    @Test // dissertation §6.3: lost replies and a killed leader make the client retry; every write applies once
    void writesRetriedAcrossLostRepliesAndAKilledLeaderApplyExactlyOnce() {
        try (TestCluster cluster = TestCluster.of(3).startAll()) {
            NodeId leader = cluster.awaitLeader();
            ClientConfig config = clientOf(cluster, cluster.runningMembers().toArray(NodeId[]::new)).build();
            LosingReplies transport = new LosingReplies(new MemoryClientTransportProvider().create(Map.of()), 3);
            try (RaftClient client = new ClusterClient(config, transport, new SimpleMeterRegistry())) {
                List<CompletableFuture<byte[]>> results = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    results.add(client.submitAsync(bytes("c" + i)));
                    if (i == 150) {
                        cluster.stop(leader);
                    }
                }
                CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).join();

                List<String> expected = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    expected.add("c" + i);
                }
                for (NodeId survivor : cluster.runningMembers()) {
                    List<String> history = cluster.machine(survivor).history();
                    Map<String, Integer> applied = new HashMap<>();
                    history.forEach(command -> applied.merge(command, 1, Integer::sum));
                    applied.forEach((command, times) -> assertEquals(1, times, command + " applied " + times
                            + " times at " + survivor));
                    assertEquals(expected.size(), applied.size(), survivor + " applied every acknowledged write");
                }
                assertTrue(transport.lost() >= 100, "replies lost: " + transport.lost());
            }
        }
    }
}
