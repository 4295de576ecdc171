package io.github.raftkit.api.statemachine;

import java.util.Optional;

/**
 * An optional extra for a {@link StateMachine} whose clients wait for something to happen, such as a lock being
 * granted: rather than polling, a client sends a query that may wait, and the member answers it the moment the state
 * machine has the answer the client waits for. This is how a state machine pushes an event to a client.
 *
 * <p>For a read that may wait ({@link io.github.raftkit.api.client.ClientRequest.Read#maxWait()} above zero), the
 * member first asks {@link #answerIfReady} once the read is as fresh as its consistency requires, then again after
 * every batch of commands applied (and after a snapshot is installed), until it answers. If the wait ends first, the
 * member answers with {@link StateMachine#query} instead, which should say "not yet" in the state machine's own terms;
 * the client then asks again. Every answer comes from applied, committed state, so a read that waits is as consistent
 * as one that does not.
 *
 * <p><b>Threading.</b> Called on the apply thread, like {@link StateMachine#query}; must not change the state and
 * should be cheap, because every waiting query is asked again after each applied batch.
 */
public interface BlockingQueries {

    /** The answer to {@code query} if what it waits for has happened, else empty to be asked again later. */
    Optional<byte[]> answerIfReady(byte[] query);
}
