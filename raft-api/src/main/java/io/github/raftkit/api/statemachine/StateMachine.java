package io.github.raftkit.api.statemachine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * The user's replicated state: the same commands in the same order give the same state on every replica.
 *
 * <p><b>Threading.</b> The server calls every method from one apply thread, never concurrently, so an implementation
 * needs no locks for its own state. A slow method slows applying, never heartbeats.
 *
 * <p><b>Determinism.</b> {@link #apply} must depend only on the state and the commands: no clock, no randomness, no
 * I/O whose answer may differ between replicas. Time enters as data in commands.
 *
 * <p><b>Errors.</b> A command that is invalid for the state machine should return an error result that it encodes
 * itself; an exception thrown from {@code apply} stops this member, because replicas would otherwise diverge.
 */
public interface StateMachine {

    /**
     * Applies a batch of committed commands in order and returns one result per command, in the same order. The
     * result is what the proposer's future completes with.
     */
    List<byte[]> apply(List<Command> commands);

    /** Answers a read-only query from the current state; must not change it. */
    byte[] query(byte[] query);

    /**
     * Writes the whole state to {@code out} for a snapshot. The stream is closed by the caller. The snapshot covers
     * exactly the commands applied so far.
     */
    void writeSnapshot(OutputStream out) throws IOException;

    /** Replaces the whole state with a snapshot written by {@link #writeSnapshot}. */
    void restoreSnapshot(InputStream in) throws IOException;
}
