package io.github.raftkit.examples.lock.client;

/**
 * Told when a {@link LockClient}'s session is lost: from then on its locks may be granted to others, so a holder must
 * stop using what they protect at once. Called on the client's keep-alive thread; must not block.
 */
@FunctionalInterface
public interface SessionListener {

    /** Session {@code session} is lost, for {@code reason}. */
    void sessionLost(long session, String reason);
}
