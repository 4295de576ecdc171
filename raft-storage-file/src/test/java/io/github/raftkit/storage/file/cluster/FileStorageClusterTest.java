package io.github.raftkit.storage.file.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.Membership;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.RaftConfig;
import io.github.raftkit.api.RaftServer;
import io.github.raftkit.api.Role;
import io.github.raftkit.api.SnapshotPolicy;
import io.github.raftkit.core.assembly.RaftServers;
import io.github.raftkit.core.testing.AppendOnlyStateMachine;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole clusters on the {@code file} stores: three members commit (taking snapshots and compacting their logs as they
 * go), a follower falls behind and catches up, then all stop and come back from their disks alone — term, vote,
 * newest snapshot and the log after it — to rebuild identical state machines and go on committing.
 */
class FileStorageClusterTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final int WINDOW = 200;

    @TempDir
    Path data;

    private final Membership members = Membership.builder()
            .add("n1", "127.0.0.1:17101").add("n2", "127.0.0.1:17102").add("n3", "127.0.0.1:17103").build();
    private final Map<NodeId, RaftServer> servers = new LinkedHashMap<>();
    private final Map<NodeId, AppendOnlyStateMachine> machines = new LinkedHashMap<>();

    @AfterEach
    void stopAll() {
        servers.values().forEach(server -> server.stop().orTimeout(30, TimeUnit.SECONDS).join());
    }

    @Test
    void aClusterRestartedFromItsFilesRebuildsTheSameStateAndGoesOn() throws InterruptedException {
        members.ids().forEach(this::start);
        proposeAll(awaitLeader(), 0, 2_000);
        awaitAllApplied(2_000);

        // A follower misses writes while it is down, then catches up from its own log plus the leader's.
        NodeId follower = members.ids().stream().filter(id -> servers.get(id).status().role() != Role.LEADER)
                .findFirst().orElseThrow();
        stop(follower);
        proposeAll(awaitLeader(), 2_000, 500);
        start(follower);
        awaitAllApplied(2_500);

        // Every member stops; everything they know comes back from disk.
        new ArrayList<>(servers.keySet()).forEach(this::stop);
        members.ids().forEach(this::start);
        proposeAll(awaitLeader(), 2_500, 100);
        awaitAllApplied(2_600);

        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 2_600; i++) {
            expected.add(i);
        }
        for (var entry : machines.entrySet()) {
            assertEquals(expected, entry.getValue().values(), entry.getKey() + " applied a different sequence");
        }
    }

    private void start(NodeId id) {
        RaftConfig config = RaftConfig.builder().node(id).membership(members)
                .tickInterval(Duration.ofMillis(5)).heartbeatInterval(Duration.ofMillis(20))
                .electionTimeout(Duration.ofMillis(150), Duration.ofMillis(300))
                .requestTimeout(Duration.ofSeconds(20))
                .transport("memory").storage("file").dataDir(data.resolve(id.value()))
                // Small enough that snapshots are taken, compacted, installed and recovered from files.
                .snapshots(new SnapshotPolicy(300, 1L << 20, 50, 4_096))
                .build();
        AppendOnlyStateMachine machine = new AppendOnlyStateMachine();
        RaftServer server = RaftServers.create(config, machine);
        server.start().orTimeout(30, TimeUnit.SECONDS).join();
        servers.put(id, server);
        machines.put(id, machine);
    }

    private void stop(NodeId id) {
        servers.remove(id).stop().orTimeout(30, TimeUnit.SECONDS).join();
        machines.remove(id);
    }

    private RaftServer awaitLeader() throws InterruptedException {
        RaftServer[] leader = new RaftServer[1];
        await("a leader", () -> {
            for (RaftServer server : servers.values()) {
                if (server.status().role() == Role.LEADER) {
                    leader[0] = server;
                    return true;
                }
            }
            return false;
        });
        return leader[0];
    }

    /** Proposes {@code count} consecutive numbers from {@code first}, at most {@link #WINDOW} in flight. */
    private static void proposeAll(RaftServer leader, int first, int count) {
        List<CompletableFuture<byte[]>> window = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            window.add(leader.propose(ByteBuffer.allocate(4).putInt(0, i).array()));
            if (window.size() == WINDOW) {
                window.forEach(CompletableFuture::join);
                window.clear();
            }
        }
        window.forEach(CompletableFuture::join);
    }

    private void awaitAllApplied(int count) throws InterruptedException {
        await("every member applied " + count + " commands",
                () -> machines.values().stream().allMatch(m -> m.size() >= count));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (!condition.getAsBoolean()) {
            assertTrue(Instant.now().isBefore(deadline), "timed out waiting for " + what);
            Thread.sleep(10);
        }
    }
}
