package io.github.raftkit.core.engine;

/**
 * Inputs the engine refused or ignored by the rules. Counted, never thrown: a peer that lies or lags must not stop
 * this member.
 */
public enum Anomaly {
    /** A message for another group. */
    WRONG_GROUP,
    /** A message addressed to another member. */
    WRONG_RECIPIENT,
    /** A message from a node that is not a member. */
    UNKNOWN_SENDER,
    /** A message from an older term (§5.1: "If a server receives a request with a stale term number, it rejects"). */
    STALE_TERM,
    /** A response that no longer matches what this member is doing (a duplicate, reordered or late answer). */
    STALE_RESPONSE,
    /** An AppendEntries whose entries do not follow its prevLogIndex, or whose commit index is impossible. */
    MALFORMED,
    /** A vote request ignored because a leader was heard from within the minimum election timeout (§4.2.3). */
    LEADER_LEASE,
    /**
     * A snapshot input that no longer fits: a snapshot taken of entries not applied (or older than the newest), an
     * installation nobody asked for, a snapshot chunk a leader cannot use.
     */
    STALE_SNAPSHOT
}
