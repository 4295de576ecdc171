package io.github.raftkit.examples.kv.demo;

import io.github.raftkit.examples.kv.client.KvClient;
import io.github.raftkit.examples.kv.command.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * A few writers putting distinct keys back to back through one {@link KvClient}, remembering every write the cluster
 * acknowledged (to check later that none was lost) and the latency of each. A write whose outcome is unknown (it
 * timed out) is counted apart: it may or may not be there, so it is not checked. Stops by itself at the deadline it
 * is given, or when {@link #stop()} is called.
 */
final class WriteLoad {
    /** A write the cluster acknowledged. */
    record Acked(String key, String value) {
    }

    private final KvClient client;
    private final int writers;
    private final ConcurrentLinkedQueue<Acked> acked = new ConcurrentLinkedQueue<>();
    private final AtomicLong ackedCount = new AtomicLong();
    private final AtomicLong unknown = new AtomicLong();
    private final AtomicLong lastAckNanos = new AtomicLong();
    private final AtomicLong longestGapNanos = new AtomicLong();
    private final Recorder latency = new Recorder(3);
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    WriteLoad(KvClient client, int writers) {
        this.client = client;
        this.writers = writers;
    }

    void start(long deadlineNanos) {
        lastAckNanos.set(System.nanoTime());
        for (int w = 0; w < writers; w++) {
            int writer = w;
            Thread thread = new Thread(() -> write(writer, deadlineNanos), "demo-writer-" + w);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
    }

    private void write(int writer, long deadlineNanos) {
        for (long i = 0; running && System.nanoTime() < deadlineNanos; i++) {
            String key = String.format("w%d-%07d", writer, i);
            String value = "value-" + i;
            long start = System.nanoTime();
            try {
                client.put(Bytes.utf8(key), Bytes.utf8(value));
            } catch (RuntimeException unknownOutcome) {
                unknown.incrementAndGet();
                continue;
            }
            long now = System.nanoTime();
            latency.recordValue(Math.max(1, (now - start) / 1_000));
            acked.add(new Acked(key, value));
            ackedCount.incrementAndGet();
            long previous = lastAckNanos.getAndSet(now);
            longestGapNanos.accumulateAndGet(now - previous, Math::max);
        }
    }

    void stop() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join();
        }
    }

    long acked() {
        return ackedCount.get();
    }

    long unknown() {
        return unknown.get();
    }

    List<Acked> ackedWrites() {
        return List.copyOf(acked);
    }

    /** The longest time between two acknowledged writes: how long writes stalled during the failover. */
    long longestGapMillis() {
        return longestGapNanos.get() / 1_000_000;
    }

    /** Latency percentiles in microseconds since the last call. */
    org.HdrHistogram.Histogram latencyMicros() {
        return latency.getIntervalHistogram();
    }
}
