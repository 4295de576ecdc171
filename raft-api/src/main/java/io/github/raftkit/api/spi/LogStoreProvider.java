package io.github.raftkit.api.spi;

/** Opens log stores; registered under {@code META-INF/services/io.github.raftkit.api.spi.LogStoreProvider}. */
public interface LogStoreProvider extends NamedProvider {

    /** Opens (recovering if needed) the log of one member. */
    LogStore open(StorageContext context);
}
