package io.github.raftkit.storage.file.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.error.StorageException;
import io.github.raftkit.api.spi.PersistentState;
import io.github.raftkit.storage.file.ChannelOpener;
import io.github.raftkit.storage.file.FaultyChannel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileMetadataStoreTest {
    private static final NodeId N1 = NodeId.of("n1");
    private static final PersistentState VOTED = new PersistentState(7, Optional.of(NodeId.of("n3")));

    @TempDir
    Path dir;

    private FileMetadataStore open(ChannelOpener opener) {
        return FileMetadataStore.open(dir, N1, "g/n1", opener);
    }

    @Test
    void aNewMemberHasNoState() {
        try (FileMetadataStore store = open(ChannelOpener.DEFAULT)) {
            assertEquals(Optional.empty(), store.load());
        }
    }

    @Test
    void theLastSavedStateSurvivesAReopen() {
        try (FileMetadataStore store = open(ChannelOpener.DEFAULT)) {
            store.save(new PersistentState(3, Optional.empty()));
            store.save(VOTED);
        }
        try (FileMetadataStore store = open(ChannelOpener.DEFAULT)) {
            assertEquals(Optional.of(VOTED), store.load());
        }
    }

    @Test
    void aTemporaryFileACrashLeftBehindIsIgnored() throws IOException {
        try (FileMetadataStore store = open(ChannelOpener.DEFAULT)) {
            store.save(VOTED);
        }
        Files.write(dir.resolve(FileMetadataStore.TEMP_NAME), new byte[] {1, 2, 3});
        try (FileMetadataStore store = open(ChannelOpener.DEFAULT)) {
            assertEquals(Optional.of(VOTED), store.load());
            store.save(new PersistentState(8, Optional.empty()));
            assertEquals(8, store.load().orElseThrow().term());
        }
    }

    @Test
    void anyDamagedByteIsReportedNotIgnored() throws IOException {
        try (FileMetadataStore store = open(ChannelOpener.DEFAULT)) {
            store.save(VOTED);
        }
        Path file = dir.resolve(FileMetadataStore.FILE_NAME);
        byte[] original = Files.readAllBytes(file);
        for (int i = 0; i < original.length; i++) {
            byte[] damaged = original.clone();
            damaged[i] ^= (byte) (1 << (i % 8));
            Files.write(file, damaged);
            try (FileMetadataStore store = open(ChannelOpener.DEFAULT)) {
                StorageException e = assertThrows(StorageException.class, store::load, "byte " + i);
                assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            }
        }
    }

    @Test
    void theDirectoryOfAnotherNodeIsRefused() {
        try (FileMetadataStore store = open(ChannelOpener.DEFAULT)) {
            store.save(VOTED);
        }
        try (FileMetadataStore store = FileMetadataStore.open(dir, NodeId.of("n2"), "g/n2")) {
            StorageException e = assertThrows(StorageException.class, store::load);
            assertTrue(e.getMessage().contains("belongs to node n1, not to n2"), e.getMessage());
        }
    }

    @Test
    void aFailedSaveKeepsTheOldStateAndStopsTheStore() {
        FaultyChannel.Faults faults = new FaultyChannel.Faults();
        try (FileMetadataStore store = open(faults.opener())) {
            store.save(VOTED);
            faults.failForce = new IOException("Input/output error");
            assertThrows(StorageException.class, () -> store.save(new PersistentState(9, Optional.empty())));
            faults.failForce = null;
            assertThrows(StorageException.class, () -> store.save(new PersistentState(9, Optional.empty())));
        }
        try (FileMetadataStore store = open(ChannelOpener.DEFAULT)) {
            assertEquals(Optional.of(VOTED), store.load());
        }
    }
}
