package io.github.raftkit.transport.netty.cluster;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.Membership;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.RaftConfig;
import io.github.raftkit.api.RaftServer;
import io.github.raftkit.api.Role;
import io.github.raftkit.core.assembly.RaftServers;
import io.github.raftkit.core.memory.MemoryStorage;
import io.github.raftkit.core.testing.AppendOnlyStateMachine;
import io.github.raftkit.transport.netty.Eventually;
import io.github.raftkit.transport.netty.LoopbackPorts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Three members in this JVM on free loopback ports, over the {@code netty} transport with {@code memory} storage in a
 * group of their own (so that no other test's memory stores are recovered here), each with an
 * {@link AppendOnlyStateMachine}. Closing stops every member still running and forgets the group's stores.
 */
final class NettyCluster implements AutoCloseable {
    private final GroupId group;
    private final Membership membership;
    private final Map<NodeId, RaftServer> servers = new LinkedHashMap<>();
    private final Map<NodeId, AppendOnlyStateMachine> machines = new LinkedHashMap<>();

    private NettyCluster(GroupId group) {
        this.group = group;
        this.membership = Membership.builder()
                .add("n1", LoopbackPorts.HOST + ":" + LoopbackPorts.free())
                .add("n2", LoopbackPorts.HOST + ":" + LoopbackPorts.free())
                .add("n3", LoopbackPorts.HOST + ":" + LoopbackPorts.free())
                .build();
    }

    /** Starts all three members and waits until each has started. */
    static NettyCluster start(GroupId group) {
        NettyCluster cluster = new NettyCluster(group);
        for (NodeId id : cluster.membership.ids()) {
            AppendOnlyStateMachine machine = new AppendOnlyStateMachine();
            cluster.servers.put(id, RaftServers.create(cluster.config(id), machine));
            cluster.machines.put(id, machine);
        }
        CompletableFuture.allOf(cluster.servers.values().stream().map(RaftServer::start)
                .toArray(CompletableFuture[]::new)).orTimeout(30, TimeUnit.SECONDS).join();
        return cluster;
    }

    GroupId group() {
        return group;
    }

    List<Endpoint> endpoints() {
        return List.copyOf(membership.members().values());
    }

    RaftServer server(NodeId node) {
        return servers.get(node);
    }

    /** The state machines of the members still running. */
    Map<NodeId, AppendOnlyStateMachine> machines() {
        return machines;
    }

    /** Stops {@code node} and forgets it. */
    void stop(NodeId node) {
        servers.remove(node).stop().orTimeout(30, TimeUnit.SECONDS).join();
        machines.remove(node);
    }

    /** Waits until exactly one running member leads and every running member agrees on it. */
    NodeId awaitLeader() {
        Eventually.await("one leader that every member knows", () -> agreedLeader().isPresent(),
                () -> servers.values().stream().map(RaftServer::status).toList().toString());
        return agreedLeader().orElseThrow();
    }

    private Optional<NodeId> agreedLeader() {
        List<NodeId> leaders = new ArrayList<>();
        servers.values().stream().map(RaftServer::status).filter(status -> status.role() == Role.LEADER)
                .forEach(status -> leaders.add(status.node()));
        if (leaders.size() != 1) {
            return Optional.empty();
        }
        boolean agreed = servers.values().stream()
                .allMatch(server -> server.status().leader().equals(Optional.of(leaders.get(0))));
        return agreed ? Optional.of(leaders.get(0)) : Optional.empty();
    }

    private RaftConfig config(NodeId id) {
        return RaftConfig.builder()
                .node(id)
                .group(group)
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

    @Override
    public void close() {
        for (NodeId node : List.copyOf(servers.keySet())) {
            stop(node);
        }
        MemoryStorage.forget(group);
    }
}
