package io.github.raftkit.examples.kv.demo;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.client.ClientConfig;
import io.github.raftkit.examples.kv.Main;
import io.github.raftkit.examples.kv.client.KvClient;
import io.github.raftkit.examples.kv.command.Bytes;
import io.github.raftkit.examples.kv.command.KeyValue;
import io.github.raftkit.server.process.ProcessCluster;
import io.github.raftkit.server.process.ServerLaunch;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * The README's first command. Starts three {@code raft-kv server} processes with file storage in a temporary
 * directory, writes through a {@link KvClient} while it kills the leader with SIGKILL, shows the new election and how
 * long writes stalled, restarts the old leader and shows it catch up, checks that every acknowledged write is there,
 * and prints a summary. It stops every process it started, also on Ctrl-C (a shutdown hook), and removes the
 * directory unless something failed, so that the logs can be read.
 */
public final class ProcessClusterDemo {
    private static final int MEMBERS = 3;
    private static final int WRITERS = 8;
    private static final Duration PHASE = Duration.ofSeconds(4);
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String RESP_PORT = "--resp-port";
    /** Roomier than a test's members: the demo runs nothing else beside them, and measures their latency. */
    private static final ServerLaunch LAUNCH = ServerLaunch.of(Main.class).withPorts(RESP_PORT)
            .withJvmOptions("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC");

    private final PrintStream out;
    private final ProcessCluster cluster;

    private ProcessClusterDemo(PrintStream out, ProcessCluster cluster) {
        this.out = out;
        this.cluster = cluster;
    }

    /** Runs the demo; returns the exit status: 0 when every acknowledged write survived. */
    public static int run(PrintStream out) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("raft-kv-demo-");
        long started = System.nanoTime();
        ProcessCluster cluster = ProcessCluster.start(dir, MEMBERS, LAUNCH);
        Thread cleanup = new Thread(cluster::close, "demo-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        boolean verified = false;
        try {
            verified = new ProcessClusterDemo(out, cluster).story(dir, started);
        } finally {
            cluster.close();
            Runtime.getRuntime().removeShutdownHook(cleanup);
            if (verified) {
                deleteDirectory(dir);
            } else {
                out.println("logs and data kept in " + dir);
            }
        }
        return verified ? 0 : 1;
    }

    private boolean story(Path dir, long started) throws IOException, InterruptedException {
        out.println("raft-kv demo: 3 server processes on 127.0.0.1 (raft " + cluster.peers() + "), file storage in "
                + dir);
        for (NodeId member : cluster.members()) {
            out.println("  started " + member + " (pid " + cluster.pid(member) + ", http "
                    + cluster.adminEndpoint(member).port() + ", redis " + cluster.port(member, RESP_PORT) + ")");
        }
        NodeId leader = cluster.awaitLeader(Optional.empty());
        out.printf("%s leads (%d ms after the processes were started)%n", leader, millisSince(started));

        ClientConfig config = cluster.clientConfig(Duration.ofSeconds(10));
        try (KvClient client = KvClient.connect(config)) {
            WriteLoad load = new WriteLoad(client, WRITERS);
            load.start(System.nanoTime() + DEADLINE.toNanos());
            progressFor(PHASE, load);

            out.printf("%nkill -9 %s (pid %d), the leader, while %d writers keep writing%n", leader,
                    cluster.pid(leader), WRITERS);
            long killed = System.nanoTime();
            cluster.kill(leader);
            NodeId next = cluster.awaitLeader(Optional.of(leader));
            out.printf("%s leads after %d ms%n", next, millisSince(killed));
            progressFor(PHASE, load);

            out.printf("%nrestarting %s; it recovers its log from disk and catches up%n", leader);
            long restarted = System.nanoTime();
            cluster.start(leader);
            long target = cluster.status(next).map(status -> status.path("commitIndex").asLong()).orElse(0L);
            cluster.awaitApplied(leader, target);
            out.printf("%s applied through index %d within %d ms of its restart%n", leader, target,
                    millisSince(restarted));
            progressFor(Duration.ofSeconds(1), load);
            load.stop();

            Histogram latency = load.latencyMicros();
            out.printf("%nwrites acknowledged: %d (%d with unknown outcome, not checked); longest stall %d ms%n",
                    load.acked(), load.unknown(), load.longestGapMillis());
            out.printf("write latency: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(99) / 1000.0,
                    latency.getMaxValue() / 1000.0);
            long missing = verify(client, load.ackedWrites());
            out.println(missing == 0 ? "every acknowledged write is present: OK"
                    : missing + " acknowledged writes are MISSING");
            return missing == 0;
        }
    }

    /** Reads every acknowledged write back, linearizably, in batches; returns how many are missing or wrong. */
    private long verify(KvClient client, List<WriteLoad.Acked> acked) {
        long missing = 0;
        for (int from = 0; from < acked.size(); from += 500) {
            List<WriteLoad.Acked> batch = acked.subList(from, Math.min(acked.size(), from + 500));
            List<Optional<KeyValue>> found = client.getAll(batch.stream().map(a -> Bytes.utf8(a.key())).toList());
            for (int i = 0; i < batch.size(); i++) {
                String expected = batch.get(i).value();
                if (!found.get(i).map(kv -> kv.value().utf8().equals(expected)).orElse(false)) {
                    missing++;
                }
            }
        }
        return missing;
    }

    private void progressFor(Duration duration, WriteLoad load) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        long lastCount = load.acked();
        long lastTime = System.nanoTime();
        while (System.nanoTime() < end) {
            Thread.sleep(250);
            long now = System.nanoTime();
            long count = load.acked();
            out.printf("\r  %,d writes acknowledged, %,d/s   ", count,
                    (count - lastCount) * 1_000_000_000L / Math.max(1, now - lastTime));
            lastCount = count;
            lastTime = now;
        }
    }

    private static void deleteDirectory(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
