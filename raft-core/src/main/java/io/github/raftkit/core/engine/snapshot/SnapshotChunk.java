package io.github.raftkit.core.engine.snapshot;

import io.github.raftkit.api.spi.SnapshotMetadata;

/**
 * A chunk of a snapshot a follower accepted, in order, for the runtime to write: a chunk at offset 0 starts a new
 * snapshot writer (discarding any unfinished one), the others append to it. After the last chunk the runtime verifies
 * {@code checksum} over all the bytes, commits the snapshot and reports
 * {@link io.github.raftkit.core.engine.RaftEngine#snapshotInstalled}, or reports
 * {@link io.github.raftkit.core.engine.RaftEngine#snapshotInstallFailed} and commits nothing.
 *
 * @param bytes the chunk; shared, never changed
 * @param checksum on the last chunk, the CRC32C the whole snapshot must have
 */
public record SnapshotChunk(SnapshotMetadata snapshot, long offset, byte[] bytes, boolean done, long checksum) {
}
