package io.github.raftkit.storage.file.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.error.StorageException;
import io.github.raftkit.api.spi.SnapshotMetadata;
import io.github.raftkit.api.spi.SnapshotWriter;
import io.github.raftkit.storage.file.ChannelOpener;
import io.github.raftkit.storage.file.FaultyChannel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSnapshotStoreTest {
    private static final SnapshotMetadata AT_100 = new SnapshotMetadata(100, 3, List.of(NodeId.of("n1"), NodeId.of("n2"), NodeId.of("n3")));
    private static final SnapshotMetadata AT_200 = new SnapshotMetadata(200, 4, List.of(NodeId.of("n1"), NodeId.of("n2"), NodeId.of("n3")));

    @TempDir
    Path dir;

    private FileSnapshotStore open() {
        return FileSnapshotStore.open(dir, "g/n1");
    }

    static byte[] payload(int length, long seed) {
        byte[] bytes = new byte[length];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }

    private static void write(FileSnapshotStore store, SnapshotMetadata metadata, byte[] payload) throws IOException {
        try (SnapshotWriter writer = store.create(metadata)) {
            for (int at = 0; at < payload.length; at += 10_000) {
                writer.output().write(payload, at, Math.min(10_000, payload.length - at));
            }
            writer.commit();
        }
    }

    private static byte[] readAll(FileSnapshotStore store, SnapshotMetadata metadata) throws IOException {
        try (InputStream in = store.open(metadata)) {
            return in.readAllBytes();
        }
    }

    private List<String> files() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("LOCK")).sorted().toList();
        }
    }

    @Test
    void aCommittedSnapshotStreamsBackAfterAReopen() throws IOException {
        byte[] payload = payload(1_234_567, 1);
        try (FileSnapshotStore store = open()) {
            assertEquals(Optional.empty(), store.latest());
            write(store, AT_100, payload);
            assertEquals(Optional.of(AT_100), store.latest());
        }
        try (FileSnapshotStore store = open()) {
            assertEquals(Optional.of(AT_100), store.latest());
            assertArrayEquals(payload, readAll(store, AT_100));
        }
    }

    @Test
    void anUncommittedSnapshotIsInvisibleAndItsFileIsDiscarded() throws IOException {
        try (FileSnapshotStore store = open()) {
            try (SnapshotWriter writer = store.create(AT_100)) {
                writer.output().write(payload(1000, 2));
            }
            assertEquals(Optional.empty(), store.latest());
            assertEquals(List.of(), files());
        }
    }

    @Test
    void aNewerSnapshotReplacesTheOlderOnceDurable() throws IOException {
        try (FileSnapshotStore store = open()) {
            write(store, AT_100, payload(100, 3));
            write(store, AT_200, payload(200, 4));
            assertEquals(Optional.of(AT_200), store.latest());
            assertEquals(List.of(SnapshotFile.fileName(AT_200)), files());
        }
    }

    @Test
    void anOlderSnapshotCommittedLateDoesNotWin() throws IOException {
        try (FileSnapshotStore store = open()) {
            SnapshotWriter late = store.create(AT_100);
            late.output().write(payload(100, 5));
            write(store, AT_200, payload(200, 6));
            late.commit();
            late.close();
            assertEquals(Optional.of(AT_200), store.latest());
            assertEquals(List.of(SnapshotFile.fileName(AT_200)), files());
        }
    }

    @Test
    void whatACrashLeftBehindIsClearedAtOpen() throws IOException {
        try (FileSnapshotStore store = open()) {
            write(store, AT_100, payload(100, 7));
        }
        Files.write(dir.resolve(SnapshotFile.fileName(AT_200).replace(".snap", ".snap.tmp")), payload(50, 8));
        try (FileSnapshotStore store = open()) {
            assertEquals(Optional.of(AT_100), store.latest());
            assertEquals(List.of(SnapshotFile.fileName(AT_100)), files());
        }
    }

    @Test
    void aDamagedPayloadIsDetectedWhenReadToTheEnd() throws IOException {
        try (FileSnapshotStore store = open()) {
            write(store, AT_100, payload(5000, 9));
        }
        Path file = dir.resolve(SnapshotFile.fileName(AT_100));
        byte[] bytes = Files.readAllBytes(file);
        bytes[SnapshotFile.header(AT_100).remaining() + 4321] ^= 4;
        Files.write(file, bytes);
        try (FileSnapshotStore store = open()) {
            StorageException e = assertThrows(StorageException.class, () -> readAll(store, AT_100));
            assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("checksum"),
                    e.getMessage());
        }
    }

    @Test
    void aDamagedHeaderOrTrailerIsDetectedAtOpen() throws IOException {
        try (FileSnapshotStore store = open()) {
            write(store, AT_100, payload(5000, 10));
        }
        Path file = dir.resolve(SnapshotFile.fileName(AT_100));
        byte[] original = Files.readAllBytes(file);
        for (int offset : new int[] {0, 9, 27, original.length - 16, original.length - 9, original.length - 1}) {
            byte[] damaged = original.clone();
            damaged[offset] ^= 1;
            Files.write(file, damaged);
            StorageException e = assertThrows(StorageException.class, this::open, "byte " + offset);
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        }
    }

    @Test
    void aFailedCommitLeavesTheOldSnapshotAndStopsTheStore() throws IOException {
        FaultyChannel.Faults faults = new FaultyChannel.Faults();
        try (FileSnapshotStore store = FileSnapshotStore.open(dir, "g/n1", faults.opener())) {
            write(store, AT_100, payload(100, 11));
            SnapshotWriter writer = store.create(AT_200);
            writer.output().write(payload(100, 12));
            faults.failForce = new IOException("No space left on device");
            StorageException e = assertThrows(StorageException.class, writer::commit);
            assertTrue(e.getMessage().startsWith("disk full"), e.getMessage());
            assertThrows(StorageException.class, () -> store.create(AT_200));
        }
        try (FileSnapshotStore store = FileSnapshotStore.open(dir, "g/n1", ChannelOpener.DEFAULT)) {
            assertEquals(Optional.of(AT_100), store.latest());
            assertEquals(List.of(SnapshotFile.fileName(AT_100)), files());
        }
    }
}
