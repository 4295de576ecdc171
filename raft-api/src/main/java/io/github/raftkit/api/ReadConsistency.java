package io.github.raftkit.api;

/** How fresh a read must be. Stronger choices cost more round trips; see the dissertation §6.4. */
public enum ReadConsistency {
    /**
     * The default. The read reflects every write that completed before it started: the leader confirms it still
     * leads with a round of heartbeats (ReadIndex) and the state machine answers once it has applied that far.
     */
    LINEARIZABLE,
    /**
     * Served by a leader that heard from a majority within the lease (a fraction of the minimum election timeout),
     * without a round trip. Linearizable only while clocks drift less than the lease margin.
     */
    LEASE,
    /** Served at once from whatever this member has applied; may miss recent writes. */
    STALE
}
