package io.github.raftkit.core.memory;

import io.github.raftkit.api.error.StorageException;
import io.github.raftkit.api.spi.MetadataStore;
import io.github.raftkit.api.spi.PersistentState;
import io.github.raftkit.api.spi.StorageContext;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** A metadata store kept in {@link MemoryStorage}; a save replaces the state atomically. Thread-safe. */
final class MemoryMetadataStore implements MetadataStore {

    /** One member's term and vote, shared by every store opened for it across restarts. */
    static final class Contents extends AtomicReference<PersistentState> {
        private static final long serialVersionUID = 1L;
    }

    private final String member;
    private final Contents state;
    private volatile boolean closed;

    MemoryMetadataStore(StorageContext context) {
        this.member = context.group() + "/" + context.node();
        this.state = MemoryStorage.contents(context, Contents.class, Contents::new);
    }

    @Override
    public Optional<PersistentState> load() {
        checkOpen();
        return Optional.ofNullable(state.get());
    }

    @Override
    public void save(PersistentState newState) {
        checkOpen();
        state.set(newState);
    }

    @Override
    public void close() {
        closed = true;
    }

    private void checkOpen() {
        if (closed) {
            throw new StorageException("memory metadata store of " + member + " is closed");
        }
    }
}
