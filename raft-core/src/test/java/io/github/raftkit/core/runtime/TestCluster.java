package io.github.raftkit.core.runtime;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.Membership;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.RaftConfig;
import io.github.raftkit.api.RaftServer;
import io.github.raftkit.api.Role;
import io.github.raftkit.api.ServerStatus;
import io.github.raftkit.api.client.ClientConfig;
import io.github.raftkit.api.statemachine.StateMachine;
import io.github.raftkit.core.assembly.RaftServers;
import io.github.raftkit.core.memory.MemoryStorage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A group of members in this JVM, running any state machine (a {@link RegisterStateMachine} unless told otherwise),
 * on the memory transport and stores, with fast test timings (5 ms ticks, 40 ms heartbeats, 300-600 ms election
 * timeouts). Each cluster gets its own group id and endpoints, so clusters never see
 * each other's messages or data; closing it stops every member and forgets the group's stored data.
 *
 * <p>Used from the test thread only; the members themselves run on their own threads.
 */
public final class TestCluster implements AutoCloseable {
    private static final AtomicInteger NEXT_CLUSTER = new AtomicInteger();

    private final GroupId group;
    private final Membership membership;
    private final UnaryOperator<RaftConfig.Builder> tuning;
    private final Supplier<? extends StateMachine> machineFactory;
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final Map<NodeId, RaftServer> running = new LinkedHashMap<>();
    private final Map<NodeId, StateMachine> machines = new LinkedHashMap<>();

    private TestCluster(int size, UnaryOperator<RaftConfig.Builder> tuning,
                        Supplier<? extends StateMachine> machineFactory) {
        int cluster = NEXT_CLUSTER.incrementAndGet();
        this.group = GroupId.of("test-" + cluster);
        Membership.Builder members = Membership.builder();
        for (int i = 1; i <= size; i++) {
            members.add(NodeId.of("n" + i), new Endpoint("cluster-" + cluster, i));
        }
        this.membership = members.build();
        this.tuning = tuning;
        this.machineFactory = machineFactory;
    }

    /** A cluster of {@code size} members with the test timings, none started. */
    public static TestCluster of(int size) {
        return of(size, builder -> builder);
    }

    /** A cluster whose configuration {@code tuning} adjusts after the test timings are set. */
    public static TestCluster of(int size, UnaryOperator<RaftConfig.Builder> tuning) {
        return new TestCluster(size, tuning, RegisterStateMachine::new);
    }

    /** A cluster whose members run the state machines {@code machines} makes, one per start. */
    public static TestCluster withMachines(int size, Supplier<? extends StateMachine> machines) {
        return new TestCluster(size, builder -> builder, machines);
    }

    /** Starts every member. */
    public TestCluster startAll() {
        membership.ids().forEach(this::start);
        return this;
    }

    /** Starts {@code node} with a fresh state machine; its stores keep what an earlier run of it wrote. */
    public RaftServer start(NodeId node) {
        StateMachine machine = machineFactory.get();
        RaftServer server = RaftServers.create(config(node), machine, registry);
        server.start().join();
        running.put(node, server);
        machines.put(node, machine);
        return server;
    }

    public void stop(NodeId node) {
        running.remove(node).stop().join();
    }

    public GroupId group() {
        return group;
    }

    public RaftConfig config(NodeId node) {
        RaftConfig.Builder builder = RaftConfig.builder()
                .node(node)
                .group(group)
                .membership(membership)
                .tickInterval(Duration.ofMillis(5))
                .heartbeatInterval(Duration.ofMillis(40))
                // Long enough that a machine loaded by parallel builds does not start elections the test did not
                // ask for (a 100 ms timeout did, and failed proposals as "not leader"), short enough to stay quick.
                .electionTimeout(Duration.ofMillis(300), Duration.ofMillis(600))
                .transport("memory")
                .storage("memory");
        return tuning.apply(builder).build();
    }

    public RaftServer server(NodeId node) {
        return running.get(node);
    }

    /** The state machine of {@code node}'s latest run. */
    public RegisterStateMachine machine(NodeId node) {
        return (RegisterStateMachine) machines.get(node);
    }

    /** The state machine of {@code node}'s latest run, of whatever kind the cluster runs. */
    public StateMachine stateMachine(NodeId node) {
        return machines.get(node);
    }

    /** A client configuration that knows every member, on the memory transport. */
    public ClientConfig clientConfig() {
        return ClientConfig.builder().group(group).endpoints(List.copyOf(membership.members().values()))
                .transport("memory").requestTimeout(Duration.ofSeconds(20)).attemptTimeout(Duration.ofSeconds(1))
                .build();
    }

    public List<NodeId> runningMembers() {
        return List.copyOf(running.keySet());
    }

    /** The running members other than {@code node}. */
    public List<NodeId> others(NodeId node) {
        List<NodeId> others = new ArrayList<>(running.keySet());
        others.remove(node);
        return others;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Waits until exactly one running member leads and every running member knows it; returns it. */
    public NodeId awaitLeader() {
        return Await.value("one leader that every running member of " + group + " follows", () -> {
            List<ServerStatus> statuses = running.values().stream().map(RaftServer::status).toList();
            List<NodeId> leaders = statuses.stream().filter(s -> s.role() == Role.LEADER).map(ServerStatus::node)
                    .toList();
            if (leaders.size() != 1) {
                return Optional.empty();
            }
            NodeId leader = leaders.get(0);
            boolean agreed = statuses.stream().allMatch(s -> s.leader().equals(Optional.of(leader)));
            return agreed ? Optional.of(leader) : Optional.empty();
        });
    }

    /** Waits until every running member's state machine has applied exactly {@code expected}. */
    public void awaitHistory(List<String> expected) {
        for (NodeId node : running.keySet()) {
            Await.until(node + " applied the " + expected.size() + " expected commands",
                    () -> machine(node).history().equals(expected));
        }
    }

    @Override
    public void close() {
        for (NodeId node : List.copyOf(running.keySet())) {
            stop(node);
        }
        MemoryStorage.forget(group);
    }
}
