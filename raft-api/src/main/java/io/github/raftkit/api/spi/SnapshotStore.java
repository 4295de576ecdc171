package io.github.raftkit.api.spi;

import java.io.InputStream;
import java.util.Optional;

/**
 * Keeps a member's snapshots (Raft paper §7). The newest complete snapshot wins; an incomplete one is never visible.
 * Called from the storage and apply threads, one operation at a time per snapshot.
 */
public interface SnapshotStore extends AutoCloseable {

    /** The newest complete snapshot, if any. */
    Optional<SnapshotMetadata> latest();

    /** Starts writing a snapshot. */
    SnapshotWriter create(SnapshotMetadata metadata);

    /** Streams a complete snapshot's bytes without loading them whole. */
    InputStream open(SnapshotMetadata metadata);

    /** Closes the store. Idempotent. */
    @Override
    void close();
}
