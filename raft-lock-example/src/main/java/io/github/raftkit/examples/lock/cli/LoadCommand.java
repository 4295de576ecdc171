package io.github.raftkit.examples.lock.cli;

import io.github.raftkit.api.client.ClientConfig;
import io.github.raftkit.examples.lock.client.Lock;
import io.github.raftkit.examples.lock.client.LockClient;
import io.github.raftkit.server.cli.Exit;
import io.github.raftkit.server.cli.Printer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code raft-lock load}: a bounded load of acquire-and-release cycles, to measure the lock service. Each client is a
 * {@link LockClient} with a session of its own on a thread of its own; it takes and releases a lock of its own
 * ({@code load-N}), or with {@code --contended} the one lock they all share, back to back until the time is up. It
 * prints cycles per second and the latency of a whole cycle (an acquire and a release: two committed commands, plus
 * a held read for each wait when contended).
 */
@Command(name = "load", description = {"Measures the lock service: CLIENTS sessions each take and release a lock "
        + "back to back for SECONDS, then it prints cycles/s and the latency percentiles of a cycle."})
public final class LoadCommand extends ClusterCommand {
    @Option(names = "--clients", defaultValue = "8", description = "Sessions, each on a thread. Default: 8.")
    int clients;

    @Option(names = "--seconds", defaultValue = "10", description = "How long to run (1 to 600). Default: 10.")
    int seconds;

    @Option(names = "--contended", description = "All clients take the same lock, instead of one each.")
    boolean contended;

    @Override
    int run(ClientConfig config) {
        if (clients < 1 || clients > 1_000 || seconds < 1 || seconds > 600) {
            out.note("load: --clients must be 1 to 1000 and --seconds 1 to 600");
            return Exit.USAGE.code();
        }
        Recorder latency = new Recorder(3);
        AtomicLong cycles = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            String lock = contended ? "load" : "load-" + c;
            Thread thread = new Thread(() -> cycle(config, lock, deadline, latency, cycles, failures), "load-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Exit.FAILED.code();
            }
        }
        Histogram cycle = latency.getIntervalHistogram();
        double perSecond = cycles.get() / (double) seconds;
        out.print(String.format("%d clients%s, %d s: %,d cycles (%,.0f/s), %d failed; cycle latency p50 %.2f ms, "
                        + "p99 %.2f ms, max %.2f ms", clients, contended ? " on one lock" : "", seconds, cycles.get(),
                perSecond, failures.get(), millis(cycle.getValueAtPercentile(50)),
                millis(cycle.getValueAtPercentile(99)), millis(cycle.getMaxValue())),
                Printer.object().put("clients", clients).put("contended", contended).put("seconds", seconds)
                        .put("cycles", cycles.get()).put("cyclesPerSecond", perSecond).put("failed", failures.get())
                        .put("p50Millis", millis(cycle.getValueAtPercentile(50)))
                        .put("p99Millis", millis(cycle.getValueAtPercentile(99))));
        return failures.get() == 0 ? Exit.SUCCESS.code() : Exit.FAILED.code();
    }

    private static void cycle(ClientConfig config, String lock, long deadline, Recorder latency, AtomicLong cycles,
                              AtomicLong failures) {
        try (LockClient locks = LockClient.connect(config, LockClient.DEFAULT_TTL)) {
            while (System.nanoTime() < deadline) {
                long start = System.nanoTime();
                try (Lock held = locks.acquire(lock)) {
                    held.fencingToken();
                } catch (RuntimeException failed) {
                    failures.incrementAndGet();
                    continue;
                }
                latency.recordValue(Math.max(1, (System.nanoTime() - start) / 1_000));
                cycles.incrementAndGet();
            }
        }
    }

    private static double millis(long micros) {
        return micros / 1_000.0;
    }
}
