package io.github.raftkit.storage.file.snapshot;

import io.github.raftkit.api.spi.SnapshotStore;
import io.github.raftkit.api.spi.SnapshotStoreProvider;
import io.github.raftkit.api.spi.StorageContext;
import io.github.raftkit.storage.file.MemberDirectory;

/**
 * Opens {@link FileSnapshotStore}s in {@code <dataDir>/<group>/snapshots}. Registered with
 * {@link java.util.ServiceLoader} under the name {@code file}. Called on the thread that starts a member.
 */
public final class FileSnapshotStoreProvider implements SnapshotStoreProvider {

    @Override
    public String name() {
        return "file";
    }

    @Override
    public SnapshotStore open(StorageContext context) {
        return FileSnapshotStore.open(MemberDirectory.prepare(context, "snapshots"),
                context.group() + "/" + context.node());
    }
}
