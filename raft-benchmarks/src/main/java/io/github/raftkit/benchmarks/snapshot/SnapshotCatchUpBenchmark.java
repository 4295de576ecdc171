package io.github.raftkit.benchmarks.snapshot;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.Membership;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.RaftConfig;
import io.github.raftkit.api.RaftServer;
import io.github.raftkit.api.Role;
import io.github.raftkit.api.ServerStatus;
import io.github.raftkit.api.SnapshotPolicy;
import io.github.raftkit.api.spi.SnapshotMetadata;
import io.github.raftkit.core.assembly.RaftServers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not a test: how long a follower that missed {@code -Dsnapshot.bytes} (1 GiB by default) of state takes to catch up
 * through InstallSnapshot, and the peak heap meanwhile, with clients writing throughout. Three members in one JVM
 * over the in-memory transport, snapshots on disk ({@link DirectorySnapshotStore}), a state machine whose snapshot is
 * large but whose heap is not ({@link SyntheticStateMachine}): the heap measured is the framework's, both ends of the
 * transfer together since they share the JVM. Run with a heap smaller than the snapshot to show it is not needed:
 *
 * <pre>
 * ./mvnw -q -DskipTests -pl raft-benchmarks -am package
 * java -Xmx256m -cp raft-benchmarks/target/benchmarks.jar \
 *     io.github.raftkit.benchmarks.snapshot.SnapshotCatchUpBenchmark
 * </pre>
 */
public final class SnapshotCatchUpBenchmark {

    public static void main(String[] args) throws Exception {
        long snapshotBytes = Long.getLong("snapshot.bytes", 1L << 30);
        Path data = Files.createTempDirectory("raftkit-snapshot-bench");
        MeterRegistry registry = new SimpleMeterRegistry();
        Membership.Builder members = Membership.builder();
        for (int i = 1; i <= 3; i++) {
            members.add(NodeId.of("n" + i), new Endpoint("bench", i));
        }
        Membership membership = members.build();
        Map<NodeId, RaftServer> servers = new LinkedHashMap<>();
        Map<NodeId, SyntheticStateMachine> machines = new LinkedHashMap<>();
        try {
            for (NodeId node : membership.ids()) {
                start(node, membership, data, snapshotBytes, registry, servers, machines);
            }
            NodeId leader = awaitLeader(servers);
            NodeId follower = membership.ids().stream().filter(n -> !n.equals(leader)).findFirst().orElseThrow();
            servers.remove(follower).stop().join();
            long term = servers.get(leader).status().term();

            proposeBurst(servers.get(leader), 10_000, "before");
            long takeStart = System.nanoTime();
            SnapshotMetadata snapshot = servers.get(leader).snapshot().get(10, TimeUnit.MINUTES);
            double takeSeconds = (System.nanoTime() - takeStart) / 1e9;
            System.out.printf("leader %s took a %,d-byte snapshot through index %d in %.1f s%n", leader,
                    snapshotBytes, snapshot.lastIncludedIndex(), takeSeconds);

            System.gc();
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            AtomicBoolean load = new AtomicBoolean(true);
            AtomicLong written = new AtomicLong();
            RaftServer leaderServer = servers.get(leader);
            CompletableFuture<Void> clients = CompletableFuture.runAsync(() -> {
                // Steady client load, about 5,000 commands a second: enough to keep the leader busy, not so much that
                // the in-memory log (no compaction during the run) dominates the heap measured.
                while (load.get()) {
                    proposeBurst(leaderServer, 100, "during");
                    written.addAndGet(100);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });

            long start = System.nanoTime();
            RaftServer restarted = start(follower, membership, data, snapshotBytes, registry, servers, machines);
            while (restarted.status().appliedIndex() < snapshot.lastIncludedIndex()) {
                Thread.sleep(50);
            }
            double catchUpSeconds = (System.nanoTime() - start) / 1e9;
            load.set(false);
            clients.get(1, TimeUnit.MINUTES);
            long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();

            // Both agree once the follower has applied what the leader applied.
            leaderServer.propose("last".getBytes(StandardCharsets.UTF_8)).get(1, TimeUnit.MINUTES);
            long target = leaderServer.status().appliedIndex();
            while (restarted.status().appliedIndex() < target) {
                Thread.sleep(20);
            }
            boolean agree = machines.get(follower).hash() == machines.get(leader).hash();

            System.out.printf("follower %s caught up through index %d in %.1f s (%,.0f MiB/s) while clients wrote %,d "
                    + "commands%n", follower, snapshot.lastIncludedIndex(), catchUpSeconds,
                    snapshotBytes / catchUpSeconds / (1 << 20), written.get());
            System.out.printf("peak heap used, all three members together: %,d MiB of max %,d MiB%n", peak >> 20,
                    Runtime.getRuntime().maxMemory() >> 20);
            print(registry, "raft.snapshot.send", leader);
            print(registry, "raft.snapshot.install", follower);
            List<Long> terms = new ArrayList<>();
            for (RaftServer server : servers.values()) {
                ServerStatus status = server.status();
                terms.add(status.term());
            }
            System.out.printf("state machines agree: %s; terms %s (before: %d) -> %s%n", agree, terms, term,
                    terms.stream().allMatch(t -> t == term) ? "no election" : "ELECTION during catch-up");
        } finally {
            servers.values().forEach(RaftServer::close);
            deleteTree(data);
        }
    }

    private static RaftServer start(NodeId node, Membership membership, Path data, long snapshotBytes,
                                    MeterRegistry registry, Map<NodeId, RaftServer> servers,
                                    Map<NodeId, SyntheticStateMachine> machines) throws IOException {
        Path dir = data.resolve(node.value());
        if (Files.exists(dir)) {
            deleteTree(dir); // the benchmark store keeps no index across restarts: start the follower empty
        }
        RaftConfig config = RaftConfig.builder().node(node).group(GroupId.of("bench")).membership(membership)
                .transport("memory").logStore("memory").metadataStore("memory").snapshotStore("bench-dir")
                .dataDir(dir)
                .snapshots(new SnapshotPolicy(0, 0, 100, 1 << 20))
                .build();
        SyntheticStateMachine machine = new SyntheticStateMachine(snapshotBytes);
        RaftServer server = RaftServers.create(config, machine, registry);
        server.start().join();
        servers.put(node, server);
        machines.put(node, machine);
        return server;
    }

    private static void proposeBurst(RaftServer leader, int count, String prefix) {
        List<CompletableFuture<byte[]>> futures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            futures.add(leader.propose((prefix + i).getBytes(StandardCharsets.UTF_8)));
        }
        futures.forEach(CompletableFuture::join);
    }

    private static NodeId awaitLeader(Map<NodeId, RaftServer> servers) throws InterruptedException {
        while (true) {
            for (RaftServer server : servers.values()) {
                ServerStatus status = server.status();
                if (status.role() == Role.LEADER) {
                    return status.node();
                }
            }
            Thread.sleep(10);
        }
    }

    private static void print(MeterRegistry registry, String name, NodeId node) {
        Timer timer = registry.find(name).tag("node", node.value()).timer();
        if (timer != null && timer.count() > 0) {
            System.out.printf("%s on %s: %d, max %.1f s%n", name, node, timer.count(), timer.max(TimeUnit.SECONDS));
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
