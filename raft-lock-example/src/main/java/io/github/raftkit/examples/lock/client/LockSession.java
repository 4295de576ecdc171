package io.github.raftkit.examples.lock.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The client's view of one session: alive until {@code validUntil}, which each acknowledged renewal pushes to the
 * time the renewal was <em>sent</em> plus the time to live less a margin. Sent, not acknowledged: the leader starts
 * counting only once it applies the renewal, which is later, so the service cannot expire the session before this
 * client stops believing in it. The margin covers clocks that run at slightly different rates.
 *
 * <p>A watchdog fires at {@code validUntil} and declares the session lost unless a renewal moved it; so does a
 * renewal that the service answers "expired". Listeners are told once, on the timer thread. Thread-safe.
 */
final class LockSession {
    /** The share of the time to live the client trusts: 90%, leaving 10% for clock rate differences. */
    private static final double TRUSTED_SHARE = 0.9;

    private final long id;
    private final long ttlMillis;
    private final long trustedNanos;
    private final LongSupplier nanoTime;
    private final ScheduledExecutorService timer;
    private final List<SessionListener> listeners;
    private volatile long validUntil;
    private volatile boolean lost;
    private ScheduledFuture<?> watchdog;

    LockSession(long id, long ttlMillis, long openSentNanos, LongSupplier nanoTime, ScheduledExecutorService timer,
                List<SessionListener> listeners) {
        this.id = id;
        this.ttlMillis = ttlMillis;
        this.trustedNanos = (long) (TimeUnit.MILLISECONDS.toNanos(ttlMillis) * TRUSTED_SHARE);
        this.nanoTime = nanoTime;
        this.timer = timer;
        this.listeners = new CopyOnWriteArrayList<>(listeners);
        this.validUntil = openSentNanos + trustedNanos;
        armWatchdog();
    }

    long id() {
        return id;
    }

    long ttlMillis() {
        return ttlMillis;
    }

    /** Alive by this client's clock, and not declared lost. */
    boolean alive() {
        return !lost && nanoTime.getAsLong() - validUntil < 0;
    }

    /** How long this client trusts the session from now: negative once the trust has ended. */
    long remainingNanos() {
        return validUntil - nanoTime.getAsLong();
    }

    /** A command from this session sent at {@code sentNanos} was applied. */
    synchronized void renewed(long sentNanos) {
        if (lost || sentNanos + trustedNanos - validUntil <= 0) {
            return;
        }
        validUntil = sentNanos + trustedNanos;
        armWatchdog();
    }

    /** Declares the session lost and tells the listeners, once. */
    void lose(String reason) {
        synchronized (this) {
            if (lost) {
                return;
            }
            lost = true;
            if (watchdog != null) {
                watchdog.cancel(false);
            }
        }
        for (SessionListener listener : listeners) {
            listener.sessionLost(id, reason);
        }
    }

    private synchronized void armWatchdog() {
        if (watchdog != null) {
            watchdog.cancel(false);
        }
        long delay = Math.max(0, validUntil - nanoTime.getAsLong());
        watchdog = timer.schedule(this::checkExpired, delay, TimeUnit.NANOSECONDS);
    }

    private void checkExpired() {
        if (!lost && !alive()) {
            lose("no renewal of session " + id + " was acknowledged within " + (long) (ttlMillis * TRUSTED_SHARE)
                    + " ms (90% of its " + ttlMillis + " ms time to live), so the service may have expired it");
        }
    }
}
