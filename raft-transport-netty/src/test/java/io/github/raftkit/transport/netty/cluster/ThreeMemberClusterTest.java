package io.github.raftkit.transport.netty.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.Membership;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.RaftConfig;
import io.github.raftkit.api.RaftServer;
import io.github.raftkit.api.Role;
import io.github.raftkit.api.error.NotLeaderException;
import io.github.raftkit.core.assembly.RaftServers;
import io.github.raftkit.core.memory.MemoryStorage;
import io.github.raftkit.core.testing.AppendOnlyStateMachine;
import io.github.raftkit.transport.netty.Eventually;
import io.github.raftkit.transport.netty.LoopbackPorts;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Must-show story: three members in one JVM, over real loopback sockets through the {@code netty} transport
 * (with {@code memory} storage), elect a leader, commit 10,000 commands, lose the leader, elect another, commit
 * more, and end with identical state machines.
 */
class ThreeMemberClusterTest {
    /** Its own group, so that no other test's memory stores in this JVM are recovered here. */
    private static final GroupId GROUP = GroupId.of("three-members");
    private static final int FIRST_BATCH = 10_000;
    private static final int SECOND_BATCH = 1_000;
    /** Proposals in flight at once: enough to batch, far below the server's pending-proposal cap. */
    private static final int WINDOW = 256;

    private final Map<NodeId, RaftServer> servers = new LinkedHashMap<>();
    private final Map<NodeId, AppendOnlyStateMachine> machines = new LinkedHashMap<>();

    @AfterEach
    void stopAll() {
        servers.values().forEach(server -> server.stop().orTimeout(30, TimeUnit.SECONDS).join());
        MemoryStorage.forget(GROUP);
    }

    @Test
    void electsCommitsLosesItsLeaderReElectsAndEndsIdentical() {
        Membership membership = Membership.builder()
                .add("n1", LoopbackPorts.HOST + ":" + LoopbackPorts.free())
                .add("n2", LoopbackPorts.HOST + ":" + LoopbackPorts.free())
                .add("n3", LoopbackPorts.HOST + ":" + LoopbackPorts.free())
                .build();
        for (NodeId id : membership.ids()) {
            AppendOnlyStateMachine machine = new AppendOnlyStateMachine();
            RaftServer server = RaftServers.create(config(id, membership), machine);
            machines.put(id, machine);
            servers.put(id, server);
        }
        CompletableFuture.allOf(servers.values().stream().map(RaftServer::start)
                .toArray(CompletableFuture[]::new)).orTimeout(30, TimeUnit.SECONDS).join();

        NodeId first = awaitLeader(servers);
        proposeAll(servers.get(first), 0, FIRST_BATCH);

        servers.remove(first).stop().orTimeout(30, TimeUnit.SECONDS).join();
        NodeId second = awaitLeader(servers);
        assertNotEquals(first, second);
        proposeAll(servers.get(second), FIRST_BATCH, SECOND_BATCH);

        int total = FIRST_BATCH + SECOND_BATCH;
        List<NodeId> survivors = new ArrayList<>(servers.keySet());
        Eventually.await("both survivors applied all " + total + " commands",
                () -> survivors.stream().allMatch(id -> machines.get(id).size() == total),
                () -> survivors.stream().map(id -> id + "=" + machines.get(id).size()).toList().toString());
        assertEquals(machines.get(survivors.get(0)).values(), machines.get(survivors.get(1)).values());
        List<Integer> applied = machines.get(survivors.get(0)).values();
        for (int i = 0; i < total; i++) {
            assertEquals(i, applied.get(i), "command " + i + " applied out of order or twice");
        }
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

    /** Waits until exactly one member leads and every member agrees on it. */
    private static NodeId awaitLeader(Map<NodeId, RaftServer> servers) {
        Eventually.await("one leader that every member knows", () -> agreedLeader(servers).isPresent(),
                () -> servers.values().stream().map(RaftServer::status).toList().toString());
        return agreedLeader(servers).orElseThrow();
    }

    private static Optional<NodeId> agreedLeader(Map<NodeId, RaftServer> servers) {
        List<NodeId> leaders = servers.values().stream().map(RaftServer::status)
                .filter(status -> status.role() == Role.LEADER).map(status -> status.node()).toList();
        if (leaders.size() != 1) {
            return Optional.empty();
        }
        boolean agreed = servers.values().stream().allMatch(s -> s.status().leader().equals(Optional.of(leaders.get(0))));
        return agreed ? Optional.of(leaders.get(0)) : Optional.empty();
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
