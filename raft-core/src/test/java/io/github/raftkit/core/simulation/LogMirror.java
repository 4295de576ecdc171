package io.github.raftkit.core.simulation;

import io.github.raftkit.api.log.LogEntry;
import java.util.Arrays;
import java.util.List;

/**
 * Terms and prefix hashes of a log, kept up to date from the entries a node reports (a Ready's entries for the
 * engine's log, completed writes for the durable log), without keeping the entries themselves. It also remembers the
 * lowest index changed since the checker last looked, so that Log Matching checks only what is new.
 */
final class LogMirror implements LogView {
    private long[] terms = new long[256];
    private long[] hashes = new long[256];
    private int last;
    private long changedFrom = Long.MAX_VALUE;

    LogMirror() {
        hashes[0] = Fnv64.EMPTY;
    }

    LogMirror(List<LogEntry> entries) {
        this();
        replaceFrom(entries);
    }

    /** The hash of a prefix extended by one entry; also what the simulated state machine folds applied entries into. */
    static long chain(long prefixHash, LogEntry entry) {
        long hash = Fnv64.update(prefixHash, entry.index());
        hash = Fnv64.update(hash, entry.term());
        hash = Fnv64.update(hash, entry.type().ordinal());
        return Fnv64.update(hash, entry.data());
    }

    /**
     * Ready's storage rule: {@code entries} replace this log from the first one's index on. They must not leave a
     * gap; the caller checks that first, since a gap is the engine breaking its contract.
     */
    void replaceFrom(List<LogEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        long first = entries.get(0).index();
        if (first < 1 || first > last + 1L) {
            throw new IllegalArgumentException("entries from " + first + " would leave a gap after " + last);
        }
        truncateAfter(first - 1);
        for (LogEntry entry : entries) {
            append(entry);
        }
    }

    void append(LogEntry entry) {
        if (entry.index() != last + 1L) {
            throw new IllegalArgumentException("appending " + entry + " after " + last);
        }
        if (last + 1 == terms.length) {
            terms = Arrays.copyOf(terms, terms.length * 2);
            hashes = Arrays.copyOf(hashes, hashes.length * 2);
        }
        last++;
        terms[last] = entry.term();
        hashes[last] = chain(hashes[last - 1], entry);
        changedFrom = Math.min(changedFrom, last);
    }

    void truncateAfter(long index) {
        if (index < last) {
            last = (int) index;
            changedFrom = Math.min(changedFrom, index + 1);
        }
    }

    /** A copy of this log through {@code index}. */
    LogMirror prefix(long index) {
        LogMirror copy = new LogMirror();
        copy.terms = Arrays.copyOf(terms, (int) index + 1);
        copy.hashes = Arrays.copyOf(hashes, (int) index + 1);
        copy.last = (int) index;
        return copy;
    }

    /**
     * Replaces this log with {@code prefix} (a snapshot's) and then whatever of this log's entries after it the caller
     * keeps; here none: the log did not follow the snapshot. Everything counts as changed, to be checked again.
     */
    void resetTo(LogMirror prefix) {
        terms = Arrays.copyOf(prefix.terms, Math.max(prefix.terms.length, 256));
        hashes = Arrays.copyOf(prefix.hashes, Math.max(prefix.hashes.length, 256));
        last = prefix.last;
        changedFrom = Math.min(changedFrom, 1);
    }

    /** The lowest index changed since the last call (Long.MAX_VALUE if none); starts over afterwards. */
    long takeChangedFrom() {
        long from = changedFrom;
        changedFrom = Long.MAX_VALUE;
        return from;
    }

    @Override
    public long lastIndex() {
        return last;
    }

    @Override
    public long term(long index) {
        return terms[checked(index)];
    }

    @Override
    public long prefixHash(long index) {
        return hashes[checked(index)];
    }

    private int checked(long index) {
        if (index < 0 || index > last) {
            throw new IndexOutOfBoundsException("no index " + index + " in a log ending at " + last);
        }
        return (int) index;
    }
}
