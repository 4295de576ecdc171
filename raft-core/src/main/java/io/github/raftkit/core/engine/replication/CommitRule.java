package io.github.raftkit.core.engine.replication;

import io.github.raftkit.core.engine.log.RaftLog;

/** How a leader turns its followers' match indexes into a commit index. */
@FunctionalInterface
public interface CommitRule {

    /**
     * Raft's rule (§5.3, §5.4.2, Figure 8): an entry is committed once a majority store it <em>and</em> it belongs to
     * the leader's current term; earlier terms' entries are committed only indirectly, by Log Matching. Counting
     * replicas of an older term's entry can commit an entry that a later leader overwrites.
     */
    CommitRule CURRENT_TERM_ONLY = (quorumMatch, currentCommit, log, currentTerm) ->
            quorumMatch > currentCommit && log.term(quorumMatch) == currentTerm ? quorumMatch : currentCommit;

    /**
     * The new commit index, given the highest index that a majority stores, the current commit index, the leader's
     * log and its term. Never lower than {@code currentCommit}.
     */
    long commitIndex(long quorumMatch, long currentCommit, RaftLog log, long currentTerm);
}
