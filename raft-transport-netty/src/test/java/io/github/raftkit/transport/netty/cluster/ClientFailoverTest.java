package io.github.raftkit.transport.netty.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.Membership;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.RaftConfig;
import io.github.raftkit.api.RaftServer;
import io.github.raftkit.api.Role;
import io.github.raftkit.api.client.ClientConfig;
import io.github.raftkit.api.client.RaftClient;
import io.github.raftkit.core.assembly.RaftClients;
import io.github.raftkit.core.assembly.RaftServers;
import io.github.raftkit.core.memory.MemoryStorage;
import io.github.raftkit.core.testing.AppendOnlyStateMachine;
import io.github.raftkit.transport.netty.Eventually;
import io.github.raftkit.transport.netty.LoopbackPorts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Dissertation §6.3 over real sockets: a {@code RaftClient} keeps writing through the netty transport while the
 * leader is stopped under it; the writes in flight are retried at the new leader with the same session and sequence
 * numbers, and every write is applied exactly once on every survivor.
 */
class ClientFailoverTest {
    /** Its own group, so that no other test's memory stores in this JVM are recovered here. */
    private static final GroupId GROUP = GroupId.of("client-failover");
    private static final int WRITES = 2_000;
    private static final int KILL_AT = 700;
    private static final int WINDOW = 64;

    private final Map<NodeId, RaftServer> servers = new LinkedHashMap<>();
    private final Map<NodeId, AppendOnlyStateMachine> machines = new LinkedHashMap<>();

    @AfterEach
    void stopAll() {
        servers.values().forEach(server -> server.stop().orTimeout(30, TimeUnit.SECONDS).join());
        MemoryStorage.forget(GROUP);
    }

    @Test
    void writesRetriedAcrossAStoppedLeaderApplyExactlyOnce() {
        Membership membership = Membership.builder()
                .add("n1", LoopbackPorts.HOST + ":" + LoopbackPorts.free())
                .add("n2", LoopbackPorts.HOST + ":" + LoopbackPorts.free())
                .add("n3", LoopbackPorts.HOST + ":" + LoopbackPorts.free())
                .build();
        for (NodeId id : membership.ids()) {
            AppendOnlyStateMachine machine = new AppendOnlyStateMachine();
            servers.put(id, RaftServers.create(config(id, membership), machine));
            machines.put(id, machine);
        }
        CompletableFuture.allOf(servers.values().stream().map(RaftServer::start)
                .toArray(CompletableFuture[]::new)).orTimeout(30, TimeUnit.SECONDS).join();
        SimpleMeterRegistry clientMeters = new SimpleMeterRegistry();
        ClientConfig clientConfig = ClientConfig.builder()
                .group(GROUP)
                .endpoints(List.copyOf(membership.members().values()))
                .transport("netty")
                .requestTimeout(Duration.ofSeconds(30))
                .build();

        try (RaftClient client = RaftClients.connect(clientConfig, clientMeters)) {
            Semaphore window = new Semaphore(WINDOW);
            List<CompletableFuture<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < WRITES; i++) {
                if (i == KILL_AT) {
                    NodeId leader = leader();
                    servers.remove(leader).stop().orTimeout(30, TimeUnit.SECONDS).join();
                    machines.remove(leader);
                }
                window.acquireUninterruptibly();
                CompletableFuture<byte[]> result = client.submitAsync(ByteBuffer.allocate(4).putInt(i).array());
                result.whenComplete((value, failure) -> window.release());
                results.add(result);
            }
            CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS).join();
            assertTrue(clientMeters.get("raft.client.attempts.retried").counter().count() > 0,
                    "the client had to retry across the stopped leader");
        }

        Eventually.await("both survivors applied all " + WRITES + " writes",
                () -> machines.values().stream().allMatch(m -> m.size() >= WRITES),
                () -> machines.toString());
        for (Map.Entry<NodeId, AppendOnlyStateMachine> survivor : machines.entrySet()) {
            List<Integer> applied = survivor.getValue().values();
            Set<Integer> distinct = new HashSet<>(applied);
            assertEquals(applied.size(), distinct.size(), survivor.getKey() + " applied a write twice");
            assertEquals(WRITES, distinct.size(), survivor.getKey() + " applied every acknowledged write");
        }
    }

    private NodeId leader() {
        Eventually.await("a leader", () -> servers.values().stream().anyMatch(s -> s.status().role() == Role.LEADER),
                () -> servers.values().stream().map(RaftServer::status).toList().toString());
        return servers.values().stream().map(RaftServer::status).filter(s -> s.role() == Role.LEADER)
                .map(s -> s.node()).findFirst().orElseThrow();
    }

    private static RaftConfig config(NodeId id, Membership membership) {
        return RaftConfig.builder()
                .node(id)
                .group(GROUP)
                .membership(membership)
                .transport("netty")
                .storage("memory")
                .heartbeatInterval(Duration.ofMillis(50))
                .electionTimeout(Duration.ofMillis(400), Duration.ofMillis(800))
                .requestTimeout(Duration.ofSeconds(20))
                .property("netty.reconnect.minMillis", "20")
                .property("netty.reconnect.maxMillis", "500")
                .build();
    }
}
