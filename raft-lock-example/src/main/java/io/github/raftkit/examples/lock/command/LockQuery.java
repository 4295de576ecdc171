package io.github.raftkit.examples.lock.command;

/** What reads the lock service's state without changing it. */
public sealed interface LockQuery {

    /** Who holds {@code name}, in which mode, and who waits for it. */
    record Holders(String name) implements LockQuery {
    }

    /** A session's time to live and the locks it holds or waits for. */
    record SessionInfo(long session) implements LockQuery {
    }

    /**
     * Whether {@code session}'s wait for {@code name} ended: a grant, or the session's end. Held by the member until
     * it has that answer (or its wait runs out, when it answers the place in the queue): this is how a waiter learns
     * of its grant without polling.
     */
    record AwaitGrant(long session, String name) implements LockQuery {
    }

    /** How many sessions and locks there are. */
    record Overview() implements LockQuery {
    }
}
