package io.github.raftkit.api.message;

import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.NodeId;

/**
 * The answer to a {@link RequestVote}.
 *
 * @param term the voter's term, or for a granted pre-vote the term the pre-vote was asked for
 * @param preVote whether it answers a pre-vote
 * @param granted whether the vote (or pre-vote) is given
 */
public record RequestVoteResponse(GroupId group, NodeId from, NodeId to, long term, boolean preVote,
                                  boolean granted) implements RaftMessage {
}
