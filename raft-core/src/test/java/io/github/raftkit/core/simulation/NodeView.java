package io.github.raftkit.core.simulation;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.Role;

/**
 * What the invariant checker reads from one simulated member. A member that restarts gets a new incarnation: its
 * volatile state (commit index, applied index, leadership) starts over, and the checker's memory of it with it.
 */
public interface NodeView {

    NodeId id();

    /** Counts the member's restarts; volatile state is compared only within one incarnation. */
    long incarnation();

    boolean up();

    Role role();

    long term();

    long commitIndex();

    /** The engine's log, as its Readys reported it. */
    LogView log();

    /**
     * The lowest index of {@link #log()} that changed since the last call ({@code Long.MAX_VALUE} if none). The
     * checker is the only caller.
     */
    long takeLogChangedFrom();

    /** What storage holds durably: survives a crash. */
    LogView durableLog();

    long appliedIndex();

    /** The state machine's hash chain over the entries applied through {@link #appliedIndex()}. */
    long appliedHash();
}
