package io.github.raftkit.api.message;

import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.NodeId;

/**
 * The leader tells an up-to-date follower to start an election at once, to hand leadership over (dissertation
 * §3.10). It has no response: the election that follows is the answer.
 */
public record TimeoutNow(GroupId group, NodeId from, NodeId to, long term) implements RaftMessage {
}
