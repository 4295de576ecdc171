package io.github.raftkit.api.message;

import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.NodeId;

/**
 * The answer to an {@link AppendEntries}: either the follower's log now matches the leader's up to
 * {@code matchIndex}, or it rejected {@code rejectedIndex} and says where the leader should look next (the fast
 * backtracking of Raft paper §5.3, "the follower can include the term of the conflicting entry").
 *
 * @param success whether the entries were accepted
 * @param matchIndex on success, the highest index known to match the leader's log and to be durable here
 * @param rejectedIndex on failure, the {@code prevLogIndex} that did not match
 * @param conflictTerm on failure, the term of this follower's entry at {@code rejectedIndex}, or 0 if it has none
 * @param conflictIndex on failure, the first index of {@code conflictTerm} in this follower's log, or its last index
 *     plus one if its log is too short
 * @param round the round of the request answered
 */
public record AppendEntriesResponse(GroupId group, NodeId from, NodeId to, long term, boolean success,
                                    long matchIndex, long rejectedIndex, long conflictTerm, long conflictIndex,
                                    long round) implements RaftMessage {
}
