package io.github.raftkit.api;

import io.github.raftkit.api.error.ConfigurationException;

/**
 * When a member snapshots its state machine and compacts its log (Raft paper §7), and how snapshots travel. Immutable.
 *
 * @param entriesBetween take a snapshot once this many entries were applied since the last one; 0 never
 *     (default 100,000)
 * @param bytesBetween take a snapshot once this many bytes of entries were applied since the last one; 0 never
 *     (default 64 MiB)
 * @param trailingEntries entries the log keeps below a snapshot, so that a follower slightly behind catches up by
 *     appends rather than a whole snapshot (default 1,024)
 * @param chunkBytes the most snapshot bytes one InstallSnapshot carries (default 1 MiB); with one chunk in flight per
 *     follower, this bounds the memory a transfer needs on either side
 */
public record SnapshotPolicy(long entriesBetween, long bytesBetween, long trailingEntries, int chunkBytes) {

    /** The defaults above. */
    public static final SnapshotPolicy DEFAULT = new SnapshotPolicy(100_000, 64L << 20, 1_024, 1 << 20);

    public SnapshotPolicy {
        require(entriesBetween >= 0, "entriesBetween", entriesBetween);
        require(bytesBetween >= 0, "bytesBetween", bytesBetween);
        require(trailingEntries >= 0, "trailingEntries", trailingEntries);
        if (chunkBytes <= 0) {
            throw new ConfigurationException("invalid configuration: snapshots.chunkBytes must be positive, got "
                    + chunkBytes);
        }
    }

    private static void require(boolean condition, String field, long value) {
        if (!condition) {
            throw new ConfigurationException("invalid configuration: snapshots." + field
                    + " must not be negative, got " + value);
        }
    }
}
