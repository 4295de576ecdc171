package io.github.raftkit.api;

/** The role a member plays in its current term (Raft paper §5.1; pre-candidate from the dissertation §9.6). */
public enum Role {
    /** Follows a leader, or waits for one. */
    FOLLOWER,
    /** Asks whether it could win an election before it disturbs anyone by raising its term (PreVote). */
    PRE_CANDIDATE,
    /** Has raised its term and asks for votes. */
    CANDIDATE,
    /** Accepts proposals and replicates the log. */
    LEADER
}
