package io.github.raftkit.storage.file;

import io.github.raftkit.api.log.LogEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic log entries for tests: the entry at an index is the same in every run and every process (the crash
 * test's writer and its checker both call {@link #entry}), with payloads of varied length and random bytes.
 */
public final class TestEntries {
    private final long seed;
    private final int maxPayload;

    public TestEntries(long seed, int maxPayload) {
        this.seed = seed;
        this.maxPayload = maxPayload;
    }

    /** The entry at {@code index}: a no-op every 17th index, otherwise a command; its term grows every 100 indexes. */
    public LogEntry entry(long index) {
        long term = 1 + index / 100;
        if (index % 17 == 0) {
            return LogEntry.noOp(index, term);
        }
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + index);
        byte[] data = new byte[random.nextInt(maxPayload + 1)];
        random.nextBytes(data);
        return LogEntry.command(index, term, data);
    }

    /** The entries {@code from} to {@code through}, inclusive. */
    public List<LogEntry> range(long from, long through) {
        List<LogEntry> entries = new ArrayList<>();
        for (long i = from; i <= through; i++) {
            entries.add(entry(i));
        }
        return entries;
    }
}
