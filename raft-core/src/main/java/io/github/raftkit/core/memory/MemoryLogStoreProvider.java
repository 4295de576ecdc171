package io.github.raftkit.core.memory;

import io.github.raftkit.api.spi.LogStore;
import io.github.raftkit.api.spi.LogStoreProvider;
import io.github.raftkit.api.spi.StorageContext;

/**
 * Opens {@link MemoryLogStore}s, whose contents outlive them in {@link MemoryStorage}.
 * Registered with {@link java.util.ServiceLoader} under the name {@code memory}. Stateless and thread-safe.
 */
public final class MemoryLogStoreProvider implements LogStoreProvider {

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public LogStore open(StorageContext context) {
        return new MemoryLogStore(context);
    }
}
