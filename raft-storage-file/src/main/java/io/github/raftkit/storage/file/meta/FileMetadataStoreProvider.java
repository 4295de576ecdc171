package io.github.raftkit.storage.file.meta;

import io.github.raftkit.api.spi.MetadataStore;
import io.github.raftkit.api.spi.MetadataStoreProvider;
import io.github.raftkit.api.spi.StorageContext;
import io.github.raftkit.storage.file.MemberDirectory;

/**
 * Opens {@link FileMetadataStore}s in {@code <dataDir>/<group>/meta}. Registered with {@link java.util.ServiceLoader}
 * under the name {@code file}. Called on the thread that starts a member.
 */
public final class FileMetadataStoreProvider implements MetadataStoreProvider {

    @Override
    public String name() {
        return "file";
    }

    @Override
    public MetadataStore open(StorageContext context) {
        return FileMetadataStore.open(MemberDirectory.prepare(context, "meta"), context.node(),
                context.group() + "/" + context.node());
    }
}
