package io.github.raftkit.api.spi;

/**
 * Opens snapshot stores; registered under {@code META-INF/services/io.github.raftkit.api.spi.SnapshotStoreProvider}.
 */
public interface SnapshotStoreProvider extends NamedProvider {

    /** Opens the snapshot store of one member. */
    SnapshotStore open(StorageContext context);
}
