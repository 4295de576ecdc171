package io.github.raftkit.api.message;

import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.NodeId;

/**
 * One chunk of a snapshot a leader sends to a follower whose next entry it no longer has (Raft paper §7).
 *
 * @param lastIncludedIndex the last log index the snapshot covers
 * @param lastIncludedTerm the term of that entry
 * @param offset where this chunk starts in the snapshot's bytes
 * @param chunk the bytes; shared, never changed
 * @param done whether this is the last chunk
 */
public record InstallSnapshot(GroupId group, NodeId from, NodeId to, long term, long lastIncludedIndex,
                              long lastIncludedTerm, long offset, byte[] chunk, boolean done) implements RaftMessage {
}
