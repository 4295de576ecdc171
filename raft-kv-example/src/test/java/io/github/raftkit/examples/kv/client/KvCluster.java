package io.github.raftkit.examples.kv.client;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.Membership;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.RaftConfig;
import io.github.raftkit.api.RaftServer;
import io.github.raftkit.api.Role;
import io.github.raftkit.api.ServerStatus;
import io.github.raftkit.api.client.ClientConfig;
import io.github.raftkit.core.assembly.RaftServers;
import io.github.raftkit.core.memory.MemoryStorage;
import io.github.raftkit.core.runtime.Await;
import io.github.raftkit.examples.kv.store.KvStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Three {@link KvStore} members in this JVM on the memory transport and stores, with fast test timings, in a group
 * and at endpoints of their own. (raft-core's TestCluster runs its own state machine, so it cannot host this one.)
 * Used from the test thread only; public for the tests of the store's front ends in other packages.
 */
public final class KvCluster implements AutoCloseable {
    private static final AtomicInteger NEXT = new AtomicInteger();

    private final GroupId group;
    private final Membership membership;
    private final List<RaftServer> servers = new ArrayList<>();

    public KvCluster() {
        int cluster = NEXT.incrementAndGet();
        group = GroupId.of("kv-" + cluster);
        Membership.Builder members = Membership.builder();
        for (int i = 1; i <= 3; i++) {
            members.add(NodeId.of("n" + i), new Endpoint("kv-cluster-" + cluster, i));
        }
        membership = members.build();
        for (NodeId node : membership.ids()) {
            RaftServer server = RaftServers.create(RaftConfig.builder()
                    .node(node).group(group).membership(membership)
                    .tickInterval(Duration.ofMillis(5))
                    .heartbeatInterval(Duration.ofMillis(20))
                    .electionTimeout(Duration.ofMillis(100), Duration.ofMillis(200))
                    .transport("memory").storage("memory")
                    .build(), new KvStore());
            server.start().join();
            servers.add(server);
        }
    }

    /** A client configuration that knows every member. */
    public ClientConfig clientConfig() {
        return ClientConfig.builder().group(group).endpoints(List.copyOf(membership.members().values()))
                .transport("memory").requestTimeout(Duration.ofSeconds(20)).attemptTimeout(Duration.ofSeconds(1))
                .build();
    }

    /** Waits for a leader and stops it, so that the next writes go through an election. */
    void stopLeader() {
        RaftServer leader = Await.value("a leader", () -> servers.stream()
                .filter(s -> s.status().role() == Role.LEADER).findFirst());
        leader.stop().join();
        servers.remove(leader);
    }

    /** The status of the first member still running, as a front end's {@code INFO} would show it. */
    public ServerStatus firstMemberStatus() {
        return servers.get(0).status();
    }

    @Override
    public void close() {
        servers.forEach(server -> server.stop().join());
        MemoryStorage.forget(group);
    }
}
