package io.github.raftkit.api.message;

import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.NodeId;

/**
 * The answer to an {@link InstallSnapshot} chunk that was not the last one, or to one that came out of order. The last
 * chunk is answered with an {@link AppendEntriesResponse} once the snapshot is installed, or with this (offset 0) if
 * its checksum failed.
 *
 * @param lastIncludedIndex the snapshot the answer is about
 * @param nextOffset the offset the follower expects next; 0 to restart the transfer
 * @param accepted whether the chunk was taken
 */
public record InstallSnapshotResponse(GroupId group, NodeId from, NodeId to, long term, long lastIncludedIndex,
                                      long nextOffset, boolean accepted) implements RaftMessage {
}
