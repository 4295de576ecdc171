package io.github.raftkit.core.memory;

import io.github.raftkit.api.spi.MetadataStore;
import io.github.raftkit.api.spi.MetadataStoreProvider;
import io.github.raftkit.api.spi.StorageContext;

/**
 * Opens {@link MemoryMetadataStore}s, whose contents outlive them in {@link MemoryStorage}.
 * Registered with {@link java.util.ServiceLoader} under the name {@code memory}. Stateless and thread-safe.
 */
public final class MemoryMetadataStoreProvider implements MetadataStoreProvider {

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public MetadataStore open(StorageContext context) {
        return new MemoryMetadataStore(context);
    }
}
