package io.github.raftkit.transport.netty.connection;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Delays between attempts to dial a peer: doubling from a minimum up to a cap, each drawn at random from the upper
 * half of its step ("equal jitter"), so that nodes restarted together do not dial in lock-step, and a peer that is
 * down is tried at most once per cap. Confined to the dialler's event loop thread.
 */
final class ReconnectBackoff {
    private final long minMillis;
    private final long maxMillis;
    private final RandomGenerator random;
    private int attempts;

    ReconnectBackoff(Duration min, Duration max, RandomGenerator random) {
        this.minMillis = min.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    /** The delay before the next attempt; each call counts one more failed attempt. */
    long nextDelayMillis() {
        // Past 2^30 the step is certainly above any cap; stop doubling so the shift cannot overflow.
        long step = Math.min(maxMillis, minMillis << Math.min(attempts, 30));
        attempts++;
        long half = step / 2;
        return step - half + random.nextLong(half + 1);
    }

    /** Starts again from the minimum, after a connection that proved healthy. */
    void reset() {
        attempts = 0;
    }
}
