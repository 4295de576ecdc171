package io.github.raftkit.core.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.error.StorageException;
import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.api.spi.LogStore;
import io.github.raftkit.api.spi.StorageContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryLogStoreTest {
    private static final GroupId GROUP = GroupId.of("memory-log-test");
    private final StorageContext context = new StorageContext(NodeId.of("n1"), GROUP, Optional.empty(), Map.of());
    private final MemoryLogStoreProvider provider = new MemoryLogStoreProvider();

    @AfterEach
    void forget() {
        MemoryStorage.forget(GROUP);
    }

    @Test
    void aNewLogIsEmptyFromIndexOne() {
        try (LogStore log = provider.open(context)) {
            assertEquals(1, log.firstIndex());
            assertEquals(0, log.lastIndex());
        }
    }

    @Test
    void truncatingTheSuffixLetsALeaderReplaceEntries() {
        try (LogStore log = provider.open(context)) {
            log.append(entries(1, 5, 1));
            log.truncateSuffix(4);
            log.append(entries(4, 6, 2));
            log.sync();
            assertEquals(List.of(entry(3, 1), entry(4, 2), entry(5, 2), entry(6, 2)), log.read(3, 7, Long.MAX_VALUE));
        }
    }

    @Test
    void readsStopAtTheByteLimitButReturnAtLeastOneEntry() {
        try (LogStore log = provider.open(context)) {
            log.append(entries(1, 10, 1));
            assertEquals(1, log.read(1, 11, 1).size());
            assertEquals(2, log.read(1, 11, 2 * entry(1, 1).sizeBytes()).size());
        }
    }

    @Test
    void appendingWithAGapIsRefused() {
        try (LogStore log = provider.open(context)) {
            log.append(entries(1, 2, 1));
            assertThrows(StorageException.class, () -> log.append(entries(4, 4, 1)));
        }
    }

    @Test
    void compactingDropsThePrefix() {
        try (LogStore log = provider.open(context)) {
            log.append(entries(1, 10, 1));
            log.compactPrefix(4);
            assertEquals(5, log.firstIndex());
            assertEquals(10, log.lastIndex());
            assertEquals(List.of(entry(5, 1)), log.read(5, 6, Long.MAX_VALUE));
        }
    }

    @Test
    void aReopenedLogHoldsWhatTheClosedOneWroteUntilTheGroupIsForgotten() {
        try (LogStore log = provider.open(context)) {
            log.append(entries(1, 3, 1));
        }
        try (LogStore reopened = provider.open(context)) {
            assertEquals(entries(1, 3, 1), reopened.read(1, 4, Long.MAX_VALUE));
        }
        MemoryStorage.forget(GROUP);
        try (LogStore fresh = provider.open(context)) {
            assertEquals(0, fresh.lastIndex());
        }
    }

    @Test
    void aClosedLogRefusesWrites() {
        LogStore log = provider.open(context);
        log.close();
        log.close();
        assertThrows(StorageException.class, () -> log.append(entries(1, 1, 1)));
    }

    private static List<LogEntry> entries(long from, long through, long term) {
        return java.util.stream.LongStream.rangeClosed(from, through).mapToObj(i -> entry(i, term)).toList();
    }

    private static LogEntry entry(long index, long term) {
        return LogEntry.command(index, term, new byte[] {(byte) index});
    }
}
