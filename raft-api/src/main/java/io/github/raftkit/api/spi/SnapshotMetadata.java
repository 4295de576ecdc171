package io.github.raftkit.api.spi;

import io.github.raftkit.api.NodeId;
import java.util.List;

/**
 * Identifies a snapshot by the last log entry it covers, and carries the engine state that must survive the log
 * prefix the snapshot replaces (Raft paper §7: "the last included index and term, and the latest configuration").
 * Immutable; two snapshots with equal metadata hold the same state, though not necessarily the same bytes.
 *
 * @param lastIncludedIndex the last log index the snapshot covers
 * @param lastIncludedTerm the term of that entry
 * @param members the voting members as of that entry, in the engine's stable order
 */
public record SnapshotMetadata(long lastIncludedIndex, long lastIncludedTerm, List<NodeId> members) {

    public SnapshotMetadata {
        members = List.copyOf(members);
    }
}
