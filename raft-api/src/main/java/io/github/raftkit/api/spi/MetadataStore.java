package io.github.raftkit.api.spi;

import java.util.Optional;

/**
 * Keeps a member's {@link PersistentState} durably. Called from one storage thread.
 *
 * <p>{@link #save} replaces the state atomically and durably: after a crash, {@link #load} returns either the old or
 * the new state, never a mix, and never the old one once {@code save} has returned. A failure throws
 * {@link io.github.raftkit.api.error.StorageException}.
 */
public interface MetadataStore extends AutoCloseable {

    /** The last state saved, or empty for a member that has never saved one. */
    Optional<PersistentState> load();

    /** Replaces the state durably; returns only once it is durable. */
    void save(PersistentState state);

    /** Closes the store. Idempotent. */
    @Override
    void close();
}
