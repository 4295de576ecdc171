package io.github.raftkit.core.memory;

import io.github.raftkit.api.error.StorageException;
import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.api.spi.LogStore;
import io.github.raftkit.api.spi.StorageContext;
import java.util.ArrayList;
import java.util.List;

/**
 * A log store kept in {@link MemoryStorage}. Every method locks the member's log, so reads from any thread are safe
 * alongside the storage thread's writes.
 */
final class MemoryLogStore implements LogStore {

    /** One member's entries, shared by every store opened for it across restarts. Guarded by itself. */
    static final class Contents {
        private final ArrayList<LogEntry> entries = new ArrayList<>();
        private long firstIndex = 1;

        private long lastIndex() {
            return firstIndex + entries.size() - 1;
        }
    }

    private final String member;
    private final Contents log;
    private volatile boolean closed;

    MemoryLogStore(StorageContext context) {
        this.member = context.group() + "/" + context.node();
        this.log = MemoryStorage.contents(context, Contents.class, Contents::new);
    }

    @Override
    public long firstIndex() {
        synchronized (log) {
            return log.firstIndex;
        }
    }

    @Override
    public long lastIndex() {
        synchronized (log) {
            return log.lastIndex();
        }
    }

    @Override
    public List<LogEntry> read(long fromIndex, long toIndex, long maxBytes) {
        checkOpen();
        synchronized (log) {
            if (fromIndex < log.firstIndex || toIndex > log.lastIndex() + 1) {
                throw new StorageException("memory log of " + member + " holds " + log.firstIndex + ".."
                        + log.lastIndex() + ", cannot read " + fromIndex + " until " + toIndex);
            }
            List<LogEntry> out = new ArrayList<>();
            long bytes = 0;
            for (long i = fromIndex; i < toIndex; i++) {
                LogEntry entry = log.entries.get((int) (i - log.firstIndex));
                bytes += entry.sizeBytes();
                if (!out.isEmpty() && bytes > maxBytes) {
                    break;
                }
                out.add(entry);
            }
            return out;
        }
    }

    @Override
    public void append(List<LogEntry> entries) {
        checkOpen();
        synchronized (log) {
            long expected = log.lastIndex() + 1;
            for (LogEntry entry : entries) {
                if (entry.index() != expected++) {
                    throw new StorageException("memory log of " + member + " ends at " + log.lastIndex()
                            + "; appending " + entries.size() + " entries from " + entries.get(0).index()
                            + " would leave a gap or overlap at " + entry.index());
                }
            }
            log.entries.addAll(entries);
        }
    }

    @Override
    public void truncateSuffix(long fromIndex) {
        checkOpen();
        synchronized (log) {
            if (fromIndex < log.firstIndex) {
                throw new StorageException("memory log of " + member + " cannot truncate from " + fromIndex
                        + ": entries before " + log.firstIndex + " were compacted");
            }
            if (fromIndex <= log.lastIndex()) {
                log.entries.subList((int) (fromIndex - log.firstIndex), log.entries.size()).clear();
            }
        }
    }

    @Override
    public void compactPrefix(long throughIndex) {
        checkOpen();
        synchronized (log) {
            long drop = Math.min(throughIndex - log.firstIndex + 1, log.entries.size());
            if (drop > 0) {
                log.entries.subList(0, (int) drop).clear();
            }
            log.firstIndex = Math.max(log.firstIndex, throughIndex + 1);
        }
    }

    @Override
    public void sync() {
        // Nothing to flush: the contents outlive this store for the life of the JVM.
        checkOpen();
    }

    @Override
    public void close() {
        closed = true;
    }

    private void checkOpen() {
        if (closed) {
            throw new StorageException("memory log of " + member + " is closed");
        }
    }
}
