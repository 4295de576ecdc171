package io.github.raftkit.core.simulation;

/** How a member that believes it leads serves a client's read. */
public enum ReadPath {
    /** The engine's ReadIndex (dissertation §6.4): confirm leadership with a quorum, then wait to apply through it. */
    READ_INDEX,
    /**
     * A planted bug: answer at once from the applied state. A leader cut off from the others keeps believing it leads
     * (without CheckQuorum) and serves stale values after a new leader has acknowledged newer writes.
     */
    LOCAL
}
