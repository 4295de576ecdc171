package io.github.raftkit.core.simulation;

import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * The simulated clock and what is due on it. Events at the same millisecond run in the order they were scheduled
 * (a sequence number breaks ties), so a run never depends on how the heap orders equal keys.
 */
final class EventQueue {
    private record Scheduled(long time, long sequence, SimEvent event) {
    }

    private final PriorityQueue<Scheduled> queue = new PriorityQueue<>(
            Comparator.comparingLong(Scheduled::time).thenComparingLong(Scheduled::sequence));
    private long now;
    private long sequence;

    /** Simulated milliseconds since the run began. */
    long now() {
        return now;
    }

    void after(long delayMillis, SimEvent event) {
        if (delayMillis < 0) {
            throw new IllegalArgumentException("negative delay " + delayMillis + " for " + event);
        }
        queue.add(new Scheduled(now + delayMillis, sequence++, event));
    }

    /** Advances the clock to the next event and returns it. */
    SimEvent next() {
        Scheduled next = queue.poll();
        if (next == null) {
            throw new IllegalStateException("nothing left to simulate at " + now + " ms");
        }
        now = next.time();
        return next.event();
    }
}
