package io.github.raftkit.api.statemachine;

/**
 * A committed command, handed to {@link StateMachine#apply} in log order.
 *
 * @param index its log index; strictly increasing across calls, and usable as a revision or fencing token since
 *     every replica sees the same index for the same command
 * @param term the term in which it was proposed
 * @param payload the bytes proposed; shared, never to be changed
 */
public record Command(long index, long term, byte[] payload) {
}
