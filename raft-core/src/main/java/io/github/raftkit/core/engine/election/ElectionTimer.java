package io.github.raftkit.core.engine.election;

import java.util.Random;

/**
 * Counts ticks since this member last heard from a leader (or granted a vote), against a timeout drawn at random
 * from [min, max) each time it is reset, so that split votes are rare and resolve quickly (Raft paper §5.2). The
 * randomness comes from the seeded {@link Random} the engine was given.
 */
public final class ElectionTimer {
    private final int minTicks;
    private final int maxTicks;
    private final Random random;
    private int elapsed;
    private int timeout;

    public ElectionTimer(int minTicks, int maxTicks, Random random) {
        this.minTicks = minTicks;
        this.maxTicks = maxTicks;
        this.random = random;
        reset();
    }

    /** Starts counting again with a fresh random timeout. */
    public void reset() {
        elapsed = 0;
        timeout = minTicks + random.nextInt(maxTicks - minTicks);
    }

    /** Advances one tick; returns whether the timeout has passed. */
    public boolean tick() {
        elapsed++;
        return elapsed >= timeout;
    }

    /**
     * Whether a leader was heard from less than the minimum election timeout ago: a vote request now comes from a
     * member that is disrupting a live leader, and is ignored (§4.2.3).
     */
    public boolean withinLease() {
        return elapsed < minTicks;
    }
}
