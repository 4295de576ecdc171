package io.github.raftkit.storage.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.error.ConfigurationException;
import io.github.raftkit.api.error.StorageException;
import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.api.spi.LogStore;
import io.github.raftkit.api.spi.LogStoreProvider;
import io.github.raftkit.api.spi.MetadataStore;
import io.github.raftkit.api.spi.MetadataStoreProvider;
import io.github.raftkit.api.spi.NamedProvider;
import io.github.raftkit.api.spi.PersistentState;
import io.github.raftkit.api.spi.SnapshotStore;
import io.github.raftkit.api.spi.SnapshotStoreProvider;
import io.github.raftkit.api.spi.StorageContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileProvidersTest {
    @TempDir
    Path dataDir;

    private StorageContext context(Map<String, String> properties) {
        return new StorageContext(NodeId.of("n1"), GroupId.of("g"), Optional.of(dataDir), properties);
    }

    private static <P extends NamedProvider> P provider(Class<P> kind) {
        List<P> found = ServiceLoader.load(kind).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("file")).toList();
        assertEquals(1, found.size(), "file providers of " + kind.getSimpleName());
        return found.get(0);
    }

    @Test
    void allThreeStoresAreFoundByNameAndKeepTheirFilesApart() {
        StorageContext context = context(Map.of(FileStorageSettings.SEGMENT_BYTES, "8192"));
        try (LogStore log = provider(LogStoreProvider.class).open(context);
             MetadataStore metadata = provider(MetadataStoreProvider.class).open(context);
             SnapshotStore snapshots = provider(SnapshotStoreProvider.class).open(context)) {
            log.append(List.of(LogEntry.noOp(1, 1)));
            log.sync();
            metadata.save(new PersistentState(1, Optional.empty()));
            assertEquals(Optional.empty(), snapshots.latest());
        }
        for (String kind : List.of("log", "meta", "snapshots")) {
            assertTrue(Files.isDirectory(dataDir.resolve("g").resolve(kind)), kind);
        }
    }

    @Test
    void aSecondMemberOnTheSameDirectoryFailsAtOnce() {
        LogStore first = provider(LogStoreProvider.class).open(context(Map.of()));
        try {
            StorageException e = assertThrows(StorageException.class,
                    () -> provider(LogStoreProvider.class).open(context(Map.of())));
            assertTrue(e.getMessage().contains("already in use"), e.getMessage());
        } finally {
            first.close();
        }
    }

    @Test
    void withoutADataDirectoryTheErrorSaysWhatToSet() {
        StorageContext noDir = new StorageContext(NodeId.of("n1"), GroupId.of("g"), Optional.empty(), Map.of());
        StorageException e = assertThrows(StorageException.class,
                () -> provider(MetadataStoreProvider.class).open(noDir));
        assertTrue(e.getMessage().contains("RaftConfig.dataDir"), e.getMessage());
    }

    @Test
    void anInvalidSegmentSizeIsAConfigurationError() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> provider(LogStoreProvider.class).open(context(Map.of(FileStorageSettings.SEGMENT_BYTES, "12"))));
        assertTrue(e.getMessage().contains(FileStorageSettings.SEGMENT_BYTES), e.getMessage());
        assertThrows(ConfigurationException.class,
                () -> FileStorageSettings.from(Map.of(FileStorageSettings.SEGMENT_BYTES, "lots")));
    }
}
