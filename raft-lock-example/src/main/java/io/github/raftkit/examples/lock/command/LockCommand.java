package io.github.raftkit.examples.lock.command;

/**
 * What changes the lock service's state, applied in log order on every replica. Every command that names a session
 * also renews it: the session's renewal becomes that command's log index, which is what the leader watches to decide
 * expiry.
 */
public sealed interface LockCommand {

    /** A command sent in an open session, which it renews. */
    sealed interface FromSession extends LockCommand {
        /** The session's id. */
        long session();
    }

    /** Opens a session that lives while it is renewed at least once per {@code ttlMillis}; answered by its id. */
    record OpenSession(long ttlMillis) implements LockCommand {
    }

    /** Renews a session. */
    record KeepAlive(long session) implements FromSession {
    }

    /** Closes a session: its locks are released and its waits cancelled. */
    record CloseSession(long session) implements FromSession {
    }

    /**
     * Acquires {@code name} in {@code mode}; if it is not free for the session, queues the session (FIFO) when
     * {@code queue} is set, else answers busy. A session that holds the lock already holds it once more, with the same
     * fencing token.
     */
    record Acquire(long session, String name, LockMode mode, boolean queue) implements FromSession {
    }

    /** Releases one hold of {@code name}; the lock goes to the next waiters once the last hold is released. */
    record Release(long session, String name) implements FromSession {
    }

    /** Stops waiting for {@code name}; if the lock was granted meanwhile, answers the grant instead. */
    record Cancel(long session, String name) implements FromSession {
    }

    /**
     * The leader's decision that {@code session} expired, proposed after it saw no renewal for a whole time to live.
     * Applied only if the session was not renewed since {@code renewal}, the renewal the leader watched: a renewal
     * committed meanwhile wins.
     */
    record Expire(long session, long renewal) implements LockCommand {
    }
}
