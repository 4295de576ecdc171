package io.github.raftkit.api.message;

import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.spi.SnapshotMetadata;

/**
 * One chunk of a snapshot a leader sends to a follower whose next entry it no longer has (Raft paper §7). Chunks of
 * one transfer travel one at a time, each after the answer to the one before, so neither side ever holds more than a
 * chunk of a snapshot in memory.
 *
 * @param snapshot which snapshot the chunk belongs to
 * @param offset where this chunk starts in the snapshot's bytes
 * @param chunk the bytes; shared, never changed
 * @param done whether this is the last chunk
 * @param checksum on the last chunk, the CRC32C of all the snapshot's bytes, which the follower verifies before the
 *     snapshot replaces anything; 0 on other chunks
 */
public record InstallSnapshot(GroupId group, NodeId from, NodeId to, long term, SnapshotMetadata snapshot,
                              long offset, byte[] chunk, boolean done, long checksum) implements RaftMessage {
}
