package io.github.raftkit.examples.kv.demo;

import io.github.raftkit.api.client.ClientConfig;
import io.github.raftkit.examples.kv.client.KvClient;
import io.github.raftkit.examples.kv.command.Bytes;
import io.github.raftkit.examples.kv.command.KeyValue;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
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

    private final PrintStream out;
    private final Path dir;
    private final List<MemberProcess> processes = new ArrayList<>();
    private final StatusProbe probe = new StatusProbe();

    private ProcessClusterDemo(PrintStream out, Path dir) {
        this.out = out;
        this.dir = dir;
    }

    /** Runs the demo; returns the exit status: 0 when every acknowledged write survived. */
    public static int run(PrintStream out) throws IOException, InterruptedException {
        ProcessClusterDemo demo = new ProcessClusterDemo(out, Files.createTempDirectory("raft-kv-demo-"));
        Thread cleanup = new Thread(demo::stopAll, "demo-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        boolean verified = false;
        try {
            verified = demo.story();
        } finally {
            demo.stopAll();
            Runtime.getRuntime().removeShutdownHook(cleanup);
            if (verified) {
                demo.deleteDirectory();
            } else {
                out.println("logs and data kept in " + demo.dir);
            }
        }
        return verified ? 0 : 1;
    }

    private boolean story() throws IOException, InterruptedException {
        List<DemoMember> members = allocateMembers();
        String peers = members.stream().map(m -> m.id() + "=" + DemoMember.HOST + ":" + m.raftPort())
                .collect(Collectors.joining(","));
        out.println("raft-kv demo: 3 server processes on 127.0.0.1 (raft " + peers + "), file storage in " + dir);
        long started = System.nanoTime();
        for (DemoMember member : members) {
            MemberProcess process = new MemberProcess(member, peers, dir);
            process.start();
            processes.add(process);
            out.println("  started " + member.id() + " (pid " + process.pid() + ", http " + member.httpPort()
                    + ", redis " + member.respPort() + ")");
        }
        MemberProcess leader = awaitLeader(p -> true);
        out.printf("%s leads (%d ms after the processes were started)%n", leader.member().id(), millisSince(started));

        ClientConfig config = ClientConfig.builder().transport("netty")
                .endpoints(members.stream().map(DemoMember::raftEndpoint).toList())
                .requestTimeout(Duration.ofSeconds(10)).build();
        try (KvClient client = KvClient.connect(config)) {
            WriteLoad load = new WriteLoad(client, WRITERS);
            load.start(System.nanoTime() + DEADLINE.toNanos());
            progressFor(PHASE, load);

            out.printf("%nkill -9 %s (pid %d), the leader, while %d writers keep writing%n", leader.member().id(),
                    leader.pid(), WRITERS);
            long killed = System.nanoTime();
            leader.kill();
            MemberProcess lost = leader;
            MemberProcess next = awaitLeader(p -> p != lost);
            out.printf("%s leads after %d ms%n", next.member().id(), millisSince(killed));
            progressFor(PHASE, load);

            out.printf("%nrestarting %s; it recovers its log from disk and catches up%n", lost.member().id());
            long restarted = System.nanoTime();
            lost.start();
            long target = probe.status(next.member()).map(StatusProbe.Status::commitIndex).orElse(0L);
            awaitCaughtUp(lost, target);
            out.printf("%s applied through index %d within %d ms of its restart%n", lost.member().id(), target,
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

    private MemberProcess awaitLeader(Predicate<MemberProcess> eligible) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            for (MemberProcess process : processes) {
                if (process.alive() && eligible.test(process)
                        && probe.status(process.member()).map(StatusProbe.Status::leading).orElse(false)) {
                    return process;
                }
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("no leader within " + DEADLINE.toSeconds() + " s; see the logs in " + dir);
    }

    private void awaitCaughtUp(MemberProcess process, long index) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            if (probe.status(process.member()).map(s -> s.appliedIndex() >= index).orElse(false)) {
                return;
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException(process.member().id() + " did not catch up to index " + index + " within "
                + DEADLINE.toSeconds() + " s; see the logs in " + dir);
    }

    private void stopAll() {
        for (MemberProcess process : processes) {
            try {
                process.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void deleteDirectory() throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /**
     * Three members with ports free on loopback now; all sockets are held until every port is chosen, so no two
     * members get the same one. A clash with another program in the moment before a member binds is rare.
     */
    private static List<DemoMember> allocateMembers() {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < MEMBERS * 3; i++) {
                held.add(new ServerSocket(0, 1, InetAddress.getByName(DemoMember.HOST)));
            }
            List<DemoMember> members = new ArrayList<>();
            for (int i = 0; i < MEMBERS; i++) {
                members.add(new DemoMember("n" + (i + 1), held.get(3 * i).getLocalPort(),
                        held.get(3 * i + 1).getLocalPort(), held.get(3 * i + 2).getLocalPort()));
            }
            return members;
        } catch (IOException e) {
            throw new UncheckedIOException("no free ports on " + DemoMember.HOST, e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // Closing a listening socket that accepted nothing has nothing to report.
                }
            }
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
