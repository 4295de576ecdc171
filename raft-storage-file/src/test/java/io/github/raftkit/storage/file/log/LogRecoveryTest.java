package io.github.raftkit.storage.file.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.error.StorageException;
import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.storage.file.ChannelOpener;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damage a log in every way a crash or a disk can, then reopen it: a torn tail must be cut back to the last whole
 * record; anything else must stop the open with the file, the offset and the cause. Nothing may be lost silently.
 */
class LogRecoveryTest {
    /** With payloads of up to 60 bytes: two full 4 KiB segments and a short last one. */
    private static final int ENTRIES = 150;
    /** Earlier segments are damaged at every third byte only, to keep the run short; the last one at every byte. */
    private static final int EARLIER_SEGMENT_STRIDE = 3;

    @TempDir
    Path dir;

    /** A log of three or more small segments, written and synced. */
    private LogFixture writtenLog() {
        LogFixture f = new LogFixture(dir, 11, 60);
        f.write(ENTRIES, 4);
        return f;
    }

    @Test
    void truncatingTheLastSegmentAtEveryByteLeavesTheLongestWholePrefix() throws Exception {
        LogFixture f = writtenLog();
        List<Path> files = f.segmentFiles();
        assertTrue(files.size() >= 3, "want several segments, got " + files);
        Path last = files.get(files.size() - 1);
        byte[] original = Files.readAllBytes(last);
        long base = Segment.baseIndexOf(last.getFileName().toString());
        List<Long> ends = recordEnds(original);
        for (int length = 0; length <= original.length; length++) {
            Files.write(last, Arrays.copyOf(original, length));
            long cut = length;
            long expectedLast = base - 1 + ends.stream().filter(end -> end <= cut).count();
            try (SegmentedLog log = f.open()) {
                assertEquals(expectedLast, log.lastIndex(), "cut at " + length + " of " + original.length);
                assertEquals(f.entries.range(1, expectedLast), log.read(1, expectedLast + 1, Long.MAX_VALUE));
            }
        }
    }

    @Test
    void truncatingAnEarlierSegmentIsReportedWithFileAndOffset() throws Exception {
        LogFixture f = writtenLog();
        Path first = f.segmentFiles().get(0);
        byte[] original = Files.readAllBytes(first);
        for (int length = SegmentHeader.BYTES; length < original.length; length += EARLIER_SEGMENT_STRIDE) {
            Files.write(first, Arrays.copyOf(original, length));
            StorageException e = assertThrows(StorageException.class, f::open, "cut at " + length);
            assertTrue(e.getMessage().contains(first.toString()) && e.getMessage().contains("corrupt log"),
                    e.getMessage());
        }
        Files.write(first, original);
        try (SegmentedLog log = f.open()) {
            assertEquals(ENTRIES, log.lastIndex());
        }
    }

    @Test
    void aFlippedBitIsReportedWithTheFileAndTheDamagedRecordsOffset() throws Exception {
        LogFixture f = writtenLog();
        List<Path> files = f.segmentFiles();
        for (Path file : files) {
            byte[] original = Files.readAllBytes(file);
            List<Long> starts = recordStarts(original);
            int stride = file.equals(files.get(files.size() - 1)) ? 1 : EARLIER_SEGMENT_STRIDE;
            for (int offset = 0; offset < original.length; offset += stride) {
                byte[] damaged = original.clone();
                damaged[offset] ^= (byte) (1 << (offset % 8));
                Files.write(file, damaged);
                StorageException e = assertThrows(StorageException.class, f::open,
                        "flipped bit " + offset % 8 + " of byte " + offset + " in " + file);
                long recordStart = offset < SegmentHeader.BYTES ? 0 : recordStartOf(starts, offset);
                assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(
                        "at offset " + recordStart + ":"), "byte " + offset + ": " + e.getMessage());
            }
            Files.write(file, original);
        }
    }

    @Test
    void damageFoundWhenReadingBackStopsTheLog() throws Exception {
        LogFixture f = writtenLog();
        try (SegmentedLog log = f.open()) {
            Path first = f.segmentFiles().get(0);
            flipByte(first, SegmentHeader.BYTES + RecordFrame.OVERHEAD_BYTES + 2);
            StorageException e = assertThrows(StorageException.class, () -> log.read(1, 3, Long.MAX_VALUE));
            assertTrue(e.getMessage().contains(first.toString()), e.getMessage());
            assertThrows(StorageException.class, () -> log.append(f.entries.range(ENTRIES + 1, ENTRIES + 1)));
        }
    }

    @Test
    void zerosAfterTheLastRecordAreATornWrite() throws Exception {
        for (int zeros : new int[] {1, 11, 12, 100, 513, 5000}) {
            LogFixture f = writtenLog();
            Path last = f.segmentFiles().get(f.segmentFiles().size() - 1);
            long size = Files.size(last);
            Files.write(last, new byte[zeros], StandardOpenOption.APPEND);
            try (SegmentedLog log = f.open()) {
                assertEquals(ENTRIES, log.lastIndex(), zeros + " zeros");
            }
            assertEquals(size, Files.size(last), "the torn bytes are cut off");
            clear();
        }
    }

    @Test
    void aZeroedSectorInsideTheLastRecordIsATornWrite() throws Exception {
        LogFixture f = new LogFixture(dir, 3, 10);
        try (SegmentedLog log = f.open()) {
            log.append(f.entries.range(1, 5));
            byte[] big = new byte[3000];
            new SplittableRandom(5).nextBytes(big);
            log.append(List.of(LogEntry.command(6, 1, big)));
            log.sync();
        }
        Path file = f.segmentFiles().get(0);
        byte[] bytes = Files.readAllBytes(file);
        Arrays.fill(bytes, 1024, 1536, (byte) 0);
        Files.write(file, bytes);
        try (SegmentedLog log = f.open()) {
            assertEquals(5, log.lastIndex());
        }
    }

    @Test
    void aZeroedSectorBeforeTheLastSegmentIsCorruption() throws Exception {
        LogFixture f = writtenLog();
        Path first = f.segmentFiles().get(0);
        byte[] bytes = Files.readAllBytes(first);
        Arrays.fill(bytes, 512, 1024, (byte) 0);
        Files.write(first, bytes);
        StorageException e = assertThrows(StorageException.class, f::open);
        assertTrue(e.getMessage().contains(first.toString()), e.getMessage());
    }

    @Test
    void aSegmentWhoseCreationWasInterruptedIsRemoved() throws Exception {
        LogFixture f = writtenLog();
        Path unfinished = dir.resolve(Segment.fileName(ENTRIES + 1));
        Files.write(unfinished, new byte[SegmentHeader.BYTES + 100]);
        try (SegmentedLog log = f.open()) {
            assertEquals(ENTRIES, log.lastIndex());
        }
        assertFalse(Files.exists(unfinished));
    }

    @Test
    void aMissingSegmentInTheMiddleIsReported() throws Exception {
        LogFixture f = writtenLog();
        Files.delete(f.segmentFiles().get(1));
        StorageException e = assertThrows(StorageException.class, f::open);
        assertTrue(e.getMessage().contains("a segment is missing"), e.getMessage());
    }

    @Test
    void aCompactionThatACrashInterruptedIsFinished() throws Exception {
        LogFixture f = writtenLog();
        // What compactPrefix(ENTRIES + 50) leaves if the process dies after creating the new segment, before
        // deleting the old ones.
        Segment.create(dir, ChannelOpener.DEFAULT, new SegmentHeader(ENTRIES + 51, true)).close();
        try (SegmentedLog log = f.open()) {
            assertEquals(ENTRIES + 51, log.firstIndex());
            assertEquals(ENTRIES + 50, log.lastIndex());
        }
        assertEquals(1, f.segmentFiles().size());
    }

    @Test
    void aSegmentFromAnotherFormatVersionIsRefused() throws Exception {
        LogFixture f = writtenLog();
        Path first = f.segmentFiles().get(0);
        try (FileChannel channel = FileChannel.open(first, StandardOpenOption.WRITE)) {
            ByteBuffer header = new SegmentHeader(1, false).encode();
            header.putInt(4, 99);
            channel.write(header, 0);
        }
        StorageException e = assertThrows(StorageException.class, f::open);
        assertTrue(e.getMessage().contains(first.toString()) && e.getMessage().contains("offset 0"), e.getMessage());
    }

    private void clear() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
    }

    private static void flipByte(Path file, long offset) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, offset);
            one.put(0, (byte) (one.get(0) ^ 0x10)).rewind();
            channel.write(one, offset);
        }
    }

    /** Where each record of a sound segment file starts, read from the length fields. */
    private static List<Long> recordStarts(byte[] file) {
        List<Long> starts = new ArrayList<>();
        ByteBuffer bytes = ByteBuffer.wrap(file);
        for (int at = SegmentHeader.BYTES; at < file.length; at += RecordFrame.HEADER_BYTES + bytes.getInt(at)) {
            starts.add((long) at);
        }
        return starts;
    }

    private static List<Long> recordEnds(byte[] file) {
        List<Long> ends = new ArrayList<>(recordStarts(file).subList(1, recordStarts(file).size()));
        ends.add((long) file.length);
        return ends;
    }

    private static long recordStartOf(List<Long> starts, long offset) {
        long start = 0;
        for (long s : starts) {
            if (s <= offset) {
                start = s;
            }
        }
        return start;
    }
}
