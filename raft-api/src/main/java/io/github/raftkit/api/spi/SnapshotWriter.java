package io.github.raftkit.api.spi;

import java.io.OutputStream;

/**
 * A snapshot being written. Nothing written is visible until {@link #commit} returns; {@link #close} without a commit
 * discards it. Used by one thread.
 */
public interface SnapshotWriter extends AutoCloseable {

    /** Where the snapshot's bytes go. */
    OutputStream output();

    /** Makes the snapshot durable and the newest; older snapshots may then be removed. */
    void commit();

    /** Discards the snapshot unless it was committed. Idempotent. */
    @Override
    void close();
}
