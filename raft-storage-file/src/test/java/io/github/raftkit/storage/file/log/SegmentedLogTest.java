package io.github.raftkit.storage.file.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.error.StorageException;
import io.github.raftkit.api.log.LogEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentedLogTest {
    @TempDir
    Path dir;

    private LogFixture fixture() {
        return new LogFixture(dir, 7, 200);
    }

    @Test
    void aNewLogIsEmptyAndStartsAtOne() {
        try (SegmentedLog log = fixture().open()) {
            assertEquals(1, log.firstIndex());
            assertEquals(0, log.lastIndex());
            assertEquals(List.of(), log.read(1, 1, 100));
        }
    }

    @Test
    void syncedEntriesAreReadBackAfterReopen() {
        LogFixture f = fixture();
        f.write(300, 7);
        try (SegmentedLog log = f.open()) {
            assertEquals(1, log.firstIndex());
            assertEquals(300, log.lastIndex());
            assertEquals(f.entries.range(1, 300), log.read(1, 301, Long.MAX_VALUE));
        }
    }

    @Test
    void appendsRollIntoNewSegmentsAndReadsCrossThem() throws Exception {
        LogFixture f = fixture();
        f.write(300, 50);
        List<Path> files = f.segmentFiles();
        assertTrue(files.size() > 3, "expected several 4 KiB segments, got " + files);
        for (Path file : files) {
            assertTrue(Files.size(file) <= LogFixture.SMALL_SEGMENT, file + " outgrew its segment size");
        }
        try (SegmentedLog log = f.open()) {
            assertEquals(f.entries.range(10, 250), log.read(10, 251, Long.MAX_VALUE));
            assertEquals(files.size(), log.segmentCount());
        }
    }

    @Test
    void readStopsAtMaxBytesButReturnsAtLeastOneEntry() {
        LogFixture f = fixture();
        f.write(50, 50);
        try (SegmentedLog log = f.open()) {
            assertEquals(List.of(f.entries.entry(5)), log.read(5, 50, 1));
            long budget = f.entries.entry(5).sizeBytes() + f.entries.entry(6).sizeBytes();
            assertEquals(f.entries.range(5, 6), log.read(5, 50, budget));
            assertEquals(f.entries.range(5, 6), log.read(5, 50, budget + f.entries.entry(7).sizeBytes() - 1));
        }
    }

    @Test
    void anEntryLargerThanTheSegmentAndTheWriteBufferGetsASegmentOfItsOwn() {
        LogFixture f = fixture();
        LogEntry huge = LogEntry.command(2, 1, new byte[AppendBuffer.CAPACITY + 12345]);
        huge.data()[777] = 42;
        try (SegmentedLog log = f.open()) {
            log.append(List.of(f.entries.entry(1), huge, f.entries.entry(3)));
            log.sync();
        }
        try (SegmentedLog log = f.open()) {
            assertEquals(List.of(f.entries.entry(1), huge, f.entries.entry(3)), log.read(1, 4, Long.MAX_VALUE));
            assertEquals(3, log.segmentCount());
        }
    }

    @Test
    void appendRefusesAGapOrAnOverlapWithoutFailingTheLog() {
        LogFixture f = fixture();
        try (SegmentedLog log = f.open()) {
            log.append(f.entries.range(1, 3));
            StorageException gap = assertThrows(StorageException.class, () -> log.append(f.entries.range(5, 6)));
            assertTrue(gap.getMessage().contains("ends at 3"), gap.getMessage());
            assertThrows(StorageException.class, () -> log.append(f.entries.range(3, 4)));
            log.append(f.entries.range(4, 4));
            assertEquals(4, log.lastIndex());
        }
    }

    @Test
    void readingOutsideTheLogIsRefused() {
        LogFixture f = fixture();
        f.write(10, 10);
        try (SegmentedLog log = f.open()) {
            assertThrows(StorageException.class, () -> log.read(5, 12, 100));
            assertThrows(StorageException.class, () -> log.read(0, 3, 100));
        }
    }

    @Test
    void durableIndexAdvancesOnlyWhenSynced() {
        LogFixture f = fixture();
        try (SegmentedLog log = f.open()) {
            log.append(f.entries.range(1, 5));
            log.append(f.entries.range(6, 9));
            assertEquals(0, log.durableIndex());
            log.sync();
            assertEquals(9, log.durableIndex());
        }
    }

    @Test
    void truncateSuffixInsideASegmentIsDurableWithoutASync() {
        LogFixture f = fixture();
        f.write(40, 40);
        try (SegmentedLog log = f.open()) {
            log.truncateSuffix(31);
            assertEquals(30, log.lastIndex());
        }
        try (SegmentedLog log = f.open()) {
            assertEquals(30, log.lastIndex());
            assertEquals(f.entries.range(1, 30), log.read(1, 31, Long.MAX_VALUE));
        }
    }

    @Test
    void truncateSuffixAcrossSegmentsDeletesWholeSegmentsAndNewEntriesFollow() throws Exception {
        LogFixture f = fixture();
        f.write(300, 50);
        int before = f.segmentFiles().size();
        LogEntry replacement = LogEntry.command(101, 99, new byte[] {9, 9});
        try (SegmentedLog log = f.open()) {
            log.truncateSuffix(101);
            log.append(List.of(replacement));
            log.sync();
        }
        assertTrue(f.segmentFiles().size() < before);
        try (SegmentedLog log = f.open()) {
            assertEquals(101, log.lastIndex());
            assertEquals(replacement, log.read(101, 102, 100).get(0));
            assertEquals(f.entries.range(1, 100), log.read(1, 101, Long.MAX_VALUE));
        }
    }

    @Test
    void truncatingFromTheFirstIndexEmptiesTheLog() {
        LogFixture f = fixture();
        f.write(300, 50);
        try (SegmentedLog log = f.open()) {
            log.truncateSuffix(1);
            assertEquals(0, log.lastIndex());
        }
        try (SegmentedLog log = f.open()) {
            assertEquals(1, log.firstIndex());
            assertEquals(0, log.lastIndex());
            log.append(f.entries.range(1, 2));
            assertEquals(2, log.lastIndex());
        }
    }

    @Test
    void truncatingBeforeTheFirstIndexIsRefused() {
        LogFixture f = fixture();
        f.write(300, 50);
        try (SegmentedLog log = f.open()) {
            log.compactPrefix(200);
            long first = log.firstIndex();
            assertThrows(StorageException.class, () -> log.truncateSuffix(first - 1));
        }
    }

    @Test
    void compactPrefixDropsOnlyWholeSegmentsThatItCovers() throws Exception {
        LogFixture f = fixture();
        f.write(300, 50);
        try (SegmentedLog log = f.open()) {
            log.compactPrefix(150);
            assertTrue(log.firstIndex() > 1 && log.firstIndex() <= 151, "first index " + log.firstIndex());
            assertEquals(300, log.lastIndex());
        }
        try (SegmentedLog log = f.open()) {
            long first = log.firstIndex();
            assertTrue(first > 1 && first <= 151);
            assertEquals(f.entries.range(first, 300), log.read(first, 301, Long.MAX_VALUE));
        }
    }

    @Test
    void compactPrefixPastTheEndLeavesAnEmptyLogThatContinuesAfterIt() throws Exception {
        LogFixture f = fixture();
        f.write(300, 50);
        try (SegmentedLog log = f.open()) {
            log.compactPrefix(500);
            assertEquals(501, log.firstIndex());
            assertEquals(500, log.lastIndex());
        }
        assertEquals(1, f.segmentFiles().size());
        try (SegmentedLog log = f.open()) {
            assertEquals(501, log.firstIndex());
            assertEquals(500, log.lastIndex());
            log.append(f.entries.range(501, 510));
            log.sync();
        }
        try (SegmentedLog log = f.open()) {
            assertEquals(f.entries.range(501, 510), log.read(501, 511, Long.MAX_VALUE));
        }
    }

    @Test
    void readersOnAnotherThreadSeeOnlyWholeCorrectEntriesWhileTheLogGrows() throws Exception {
        LogFixture f = fixture();
        AtomicReference<Throwable> readerFailure = new AtomicReference<>();
        try (SegmentedLog log = f.open()) {
            Thread reader = new Thread(() -> {
                try {
                    while (log.lastIndex() < 2000) {
                        long last = log.lastIndex();
                        long from = Math.max(1, last - 20);
                        if (last >= 1 && !log.read(from, last + 1, Long.MAX_VALUE)
                                .equals(f.entries.range(from, last))) {
                            throw new AssertionError("read " + from + ".." + last + " returned other entries");
                        }
                    }
                } catch (Throwable t) {
                    readerFailure.set(t);
                }
            });
            reader.start();
            for (long from = 1; from <= 2000; from += 10) {
                log.append(f.entries.range(from, from + 9));
                log.sync();
            }
            reader.join(60_000);
            assertTrue(!reader.isAlive(), "the reader did not finish");
        }
        if (readerFailure.get() != null) {
            throw new AssertionError("the reader failed", readerFailure.get());
        }
    }

    @Test
    void metersReportBatchesBytesFsyncsSegmentsAndRecovery() {
        LogFixture f = fixture();
        try (SegmentedLog log = f.open()) {
            log.append(f.entries.range(1, 10));
            log.append(f.entries.range(11, 16));
            log.sync();
            var registry = f.registry;
            assertEquals(1, registry.get("raft.storage.log.append.batch.size").summary().count());
            assertEquals(16, registry.get("raft.storage.log.append.batch.size").summary().totalAmount());
            assertTrue(registry.get("raft.storage.log.append.bytes").counter().count() > 16 * RecordFrame.OVERHEAD_BYTES);
            assertEquals(1, registry.get("raft.storage.log.fsync.latency").timer().count());
            assertEquals(1, registry.get("raft.storage.log.segments").tag("node", "n1").gauge().value());
            assertEquals(16, registry.get("raft.storage.log.durable.index").gauge().value());
            assertEquals(1, registry.get("raft.storage.log.recovery.time").timer().count());
        }
        assertTrue(f.registry.find("raft.storage.log.segments").meters().isEmpty(), "meters are removed on close");
    }

    @Test
    void closedLogRefusesWork() {
        LogFixture f = fixture();
        SegmentedLog log = f.open();
        log.close();
        log.close();
        assertThrows(StorageException.class, () -> log.append(f.entries.range(1, 1)));
        assertThrows(StorageException.class, () -> log.read(1, 1, 1));
    }
}
