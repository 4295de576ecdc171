package io.github.raftkit.examples.lock.client;

import io.github.raftkit.examples.lock.command.LockMode;
import java.time.Duration;

/**
 * A lock held by a {@link LockClient}'s session. {@link #close()} releases it; use it in try-with-resources.
 * Thread-safe.
 *
 * <p>Holding a lock is a belief with an end: if the session is lost (see {@link SessionListener}), the service may
 * grant the lock to another client, so {@link #isValid()} turns false and the holder must stop. Because a process
 * can pause between checking and acting, a resource that must never see two writers should also check
 * {@link #fencingToken()}: it only ever grows, so the resource can refuse any token lower than the highest it saw.
 */
public final class Lock implements AutoCloseable {
    private final LockClient client;
    private final LockSession session;
    private final String name;
    private final LockMode mode;
    private final long token;
    private volatile boolean released;

    Lock(LockClient client, LockSession session, String name, LockMode mode, long token) {
        this.client = client;
        this.session = session;
        this.name = name;
        this.mode = mode;
        this.token = token;
    }

    public String name() {
        return name;
    }

    public LockMode mode() {
        return mode;
    }

    /** The log index of the grant: larger than every earlier grant's token of this lock. */
    public long fencingToken() {
        return token;
    }

    /** The id of the session that holds it. */
    public long session() {
        return session.id();
    }

    /** Whether it is still held: not released, and its session still alive by this client's clock. */
    public boolean isValid() {
        return !released && session.alive();
    }

    /**
     * How long the client trusts its session from now, by its own clock: the lock cannot pass to anyone else before
     * this time runs out. Negative once it has: it tells how long ago the trust ended. Work that cannot finish within
     * it should not start.
     */
    public Duration remaining() {
        return Duration.ofNanos(session.remainingNanos());
    }

    /**
     * Releases this hold, and says whether it did: false if it was released already, or if its session was lost, when
     * there is nothing to send (the service frees the lock when the session expires).
     *
     * @throws LockException if the service refused the release: it no longer counts this session as a holder
     */
    public boolean release() {
        if (released) {
            return false;
        }
        released = true;
        if (!session.alive()) {
            return false;
        }
        client.release(session, name);
        return true;
    }

    /** {@link #release()}, for try-with-resources. */
    @Override
    public void close() {
        release();
    }
}
