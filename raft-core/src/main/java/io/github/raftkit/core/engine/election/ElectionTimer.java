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
    private boolean sinceStart;

    /**
     * A timer that starts counting now. {@code restarted} says whether this member took part in an election before
     * (it recovered a term above 0), and so may have promised a leader the lease of {@link #withinLeaseSinceStart()}.
     */
    public ElectionTimer(int minTicks, int maxTicks, Random random, boolean restarted) {
        this.minTicks = minTicks;
        this.maxTicks = maxTicks;
        this.random = random;
        this.sinceStart = restarted;
        draw();
    }

    /** Starts counting again with a fresh random timeout. */
    public void reset() {
        sinceStart = false;
        draw();
    }

    private void draw() {
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

    /**
     * Whether this member restarted less than the minimum election timeout ago and has not reset the timer since. It
     * may have heard from a leader just before it stopped, and promised that leader its lease (§4.2.3) then; having
     * forgotten whom it heard, it keeps the promise by refusing disruptive votes until the lease has surely run out,
     * so that the leader's lease reads (§6.4.1) stay safe across a quick restart.
     */
    public boolean withinLeaseSinceStart() {
        return sinceStart && elapsed < minTicks;
    }
}
