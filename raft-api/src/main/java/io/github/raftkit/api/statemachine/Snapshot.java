package io.github.raftkit.api.statemachine;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A consistent, immutable view of a {@link StateMachine}'s state at one point of the log, which can be written out
 * while the state machine goes on applying.
 *
 * <p><b>Threading.</b> Created by {@link StateMachine#snapshot()} on the apply thread; {@link #writeTo} then runs
 * once on the server's snapshot thread, concurrently with {@link StateMachine#apply} on the apply thread. The view
 * must therefore share nothing mutable with the live state: an immutable or persistent structure, a copy, or a
 * copy-on-write scheme.
 */
@FunctionalInterface
public interface Snapshot {

    /**
     * Writes the state, as of when the view was taken, to {@code out}, streaming: a large state must not be
     * buffered whole. The caller closes the stream. An exception abandons this snapshot only; the member goes on.
     */
    void writeTo(OutputStream out) throws IOException;
}
