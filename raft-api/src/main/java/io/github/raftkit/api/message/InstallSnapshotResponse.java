package io.github.raftkit.api.message;

import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.NodeId;

/**
 * The answer to an {@link InstallSnapshot} chunk.
 *
 * @param lastIncludedIndex the snapshot the answer is about
 * @param nextOffset the offset the follower expects next; 0 to restart the transfer
 * @param accepted whether the chunk was taken
 */
public record InstallSnapshotResponse(GroupId group, NodeId from, NodeId to, long term, long lastIncludedIndex,
                                      long nextOffset, boolean accepted) implements RaftMessage {
}
