package io.github.raftkit.api.spi;

/**
 * Opens metadata stores; registered under {@code META-INF/services/io.github.raftkit.api.spi.MetadataStoreProvider}.
 */
public interface MetadataStoreProvider extends NamedProvider {

    /** Opens the metadata store of one member. */
    MetadataStore open(StorageContext context);
}
