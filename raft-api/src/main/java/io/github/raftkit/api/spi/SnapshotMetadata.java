package io.github.raftkit.api.spi;

/**
 * Identifies a snapshot by the last log entry it covers.
 *
 * @param lastIncludedIndex the last log index the snapshot covers
 * @param lastIncludedTerm the term of that entry
 */
public record SnapshotMetadata(long lastIncludedIndex, long lastIncludedTerm) {
}
