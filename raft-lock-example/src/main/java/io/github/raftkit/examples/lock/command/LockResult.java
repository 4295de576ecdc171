package io.github.raftkit.examples.lock.command;

import java.util.List;

/** The lock service's answers to commands and queries. */
public sealed interface LockResult {

    /** A session was opened with id {@code session} (the log index of its opening). */
    record SessionOpened(long session, long ttlMillis) implements LockResult {
    }

    /** The session was renewed at log index {@code renewal}. */
    record Renewed(long session, long renewal) implements LockResult {
    }

    /** The session was closed (or, for an {@link LockCommand.Expire}, expired). */
    record SessionEnded(long session) implements LockResult {
    }

    /**
     * {@code name} is held by the session with fencing token {@code token}: the log index of the grant, which grows
     * with every grant of the lock, so a resource that remembers the highest token it saw can refuse a stale holder.
     */
    record Granted(String name, long token) implements LockResult {
    }

    /** The session waits for {@code name} at {@code position} (1 is next). */
    record Queued(String name, int position) implements LockResult {
    }

    /** {@code name} is not free for the session, and it asked not to wait. */
    record Busy(String name) implements LockResult {
    }

    /** One hold was released; the session still holds the lock {@code holdsLeft} more times. */
    record Released(String name, int holdsLeft) implements LockResult {
    }

    /** The session no longer waits for {@code name}. */
    record Cancelled(String name) implements LockResult {
    }

    /** The leader's expiry did not apply: the session was renewed or ended since the leader decided. */
    record NotExpired(long session) implements LockResult {
    }

    /** A holder of a lock: its session, fencing token and number of holds. */
    record Holder(long session, long token, int holds) {
    }

    /** A waiter for a lock. */
    record Waiter(long session, LockMode mode) {
    }

    /** A lock's holders (in grant order) and waiters (in queue order); no holders means it is free. */
    record Holders(String name, LockMode mode, List<Holder> holders, List<Waiter> waiters) implements LockResult {
        public Holders {
            holders = List.copyOf(holders);
            waiters = List.copyOf(waiters);
        }
    }

    /** A session's state. */
    record SessionState(long session, long ttlMillis, long renewal, List<String> held, List<String> waiting)
            implements LockResult {
        public SessionState {
            held = List.copyOf(held);
            waiting = List.copyOf(waiting);
        }
    }

    /** Totals. */
    record Overview(int sessions, int locks, int waiters) implements LockResult {
    }

    /** A refusal. */
    record Failure(LockError error, String message) implements LockResult {
    }
}
