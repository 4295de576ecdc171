package io.github.raftkit.api.message;

import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.NodeId;

/**
 * A candidate asks for a vote (Raft paper §5.2), or a pre-candidate asks whether it would get one (dissertation §9.6).
 *
 * @param term the candidate's term; for a pre-vote, the term it would campaign in (its own term is not raised)
 * @param lastLogIndex index of the candidate's last log entry, for the up-to-date check of §5.4.1
 * @param lastLogTerm term of the candidate's last log entry
 * @param preVote whether this is a pre-vote, which changes nobody's term or vote
 * @param leadershipTransfer whether the current leader asked for this election (TimeoutNow, dissertation §3.10), so
 *     that followers grant it despite hearing from that leader recently
 */
public record RequestVote(GroupId group, NodeId from, NodeId to, long term, long lastLogIndex, long lastLogTerm,
                          boolean preVote, boolean leadershipTransfer) implements RaftMessage {
}
