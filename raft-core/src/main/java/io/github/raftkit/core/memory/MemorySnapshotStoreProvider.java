package io.github.raftkit.core.memory;

import io.github.raftkit.api.spi.SnapshotStore;
import io.github.raftkit.api.spi.SnapshotStoreProvider;
import io.github.raftkit.api.spi.StorageContext;

/**
 * Opens {@link MemorySnapshotStore}s, whose contents outlive them in {@link MemoryStorage}.
 * Registered with {@link java.util.ServiceLoader} under the name {@code memory}. Stateless and thread-safe.
 */
public final class MemorySnapshotStoreProvider implements SnapshotStoreProvider {

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public SnapshotStore open(StorageContext context) {
        return new MemorySnapshotStore(context);
    }
}
