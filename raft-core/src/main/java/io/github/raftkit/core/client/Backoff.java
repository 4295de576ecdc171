package io.github.raftkit.core.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Pauses between retries: doubling from {@code min} up to {@code max}, each drawn at random from its upper half, so
 * that clients refused together do not return together. Immutable and thread-safe.
 */
final class Backoff {
    private final long minNanos;
    private final long maxNanos;

    Backoff(Duration min, Duration max) {
        this.minNanos = min.toNanos();
        this.maxNanos = max.toNanos();
    }

    /** The pause before retry number {@code retry} (from 1). */
    long pauseNanos(int retry) {
        int doublings = Math.min(Math.max(retry - 1, 0), 30);
        long ceiling = Math.min(maxNanos, minNanos << doublings);
        if (ceiling < 0) {
            ceiling = maxNanos;
        }
        long floor = ceiling / 2;
        return floor + ThreadLocalRandom.current().nextLong(ceiling - floor + 1);
    }
}
