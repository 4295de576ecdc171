package io.github.raftkit.examples.lock.command;

import java.time.Duration;

/**
 * The service's fixed bounds. Every input is checked against them when it is applied, so a replica's memory is
 * bounded whatever clients send, and every replica refuses the same commands.
 */
public final class LockLimits {
    /** The longest lock name, in UTF-8 bytes. */
    public static final int MAX_NAME_BYTES = 256;
    /**
     * The shortest time to live. Below a few election timeouts a session would expire whenever a leader change
     * takes a little longer than usual, which is a failover causing expiry in all but name.
     */
    public static final Duration MIN_TTL = Duration.ofSeconds(1);
    /** The longest time to live: an hour, so that a crashed holder's locks come back within a bounded time. */
    public static final Duration MAX_TTL = Duration.ofHours(1);
    /** The most sessions open at once. */
    public static final int MAX_SESSIONS = 100_000;
    /** The most waiters queued for one lock. */
    public static final int MAX_WAITERS_PER_LOCK = 10_000;
    /** The most locks one session may hold or wait for at once. */
    public static final int MAX_LOCKS_PER_SESSION = 1_000;

    private LockLimits() {
    }
}
