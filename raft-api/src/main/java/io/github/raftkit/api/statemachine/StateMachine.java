package io.github.raftkit.api.statemachine;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The user's replicated state: the same commands in the same order give the same state on every replica.
 *
 * <p><b>Threading.</b> The server calls every method from one apply thread, never concurrently, so an implementation
 * needs no locks for its own state. A slow method slows applying, never heartbeats. The one exception is
 * {@link Snapshot#writeTo}, which runs on the server's snapshot thread while applying goes on: that is why a snapshot
 * is taken in two steps, a cheap consistent view on the apply thread and the slow writing elsewhere.
 *
 * <p><b>Determinism.</b> {@link #apply} must depend only on the state and the commands: no clock, no randomness, no
 * I/O whose answer may differ between replicas. Time enters as data in commands.
 *
 * <p><b>Errors.</b> A command that is invalid for the state machine should return an error result that it encodes
 * itself; an exception thrown from {@code apply} or {@code restore} stops this member, because replicas would
 * otherwise diverge.
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
     * Returns a consistent view of the state covering exactly the commands applied so far, for a snapshot (Raft paper
     * §7). Must be cheap, because applying waits meanwhile: hand out an immutable or persistent structure, or a
     * copy-on-write view, or (for a small state) a copy. The view is written later on another thread.
     */
    Snapshot snapshot();

    /**
     * Replaces the whole state with a snapshot's, as some replica's {@link Snapshot#writeTo} wrote it. Called at
     * start-up with the newest local snapshot (on the thread that starts the server, before the apply thread runs),
     * and on the apply thread when a snapshot from the leader was installed. Read the stream
     * as a stream: it may be larger than the heap. The caller closes it.
     */
    void restore(InputStream in) throws IOException;
}
