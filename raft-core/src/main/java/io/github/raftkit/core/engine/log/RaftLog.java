package io.github.raftkit.core.engine.log;

import io.github.raftkit.api.log.LogEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's view of its log: every entry, which of them are durable, and which changes are not yet handed to
 * storage. Owned by the engine's thread.
 *
 * <p>Terms in a Raft log never decrease, which the lookups below rely on to stop early.
 */
public final class RaftLog {
    private final ArrayList<LogEntry> entries;
    private long durableIndex;
    private long unpersistedFrom = Long.MAX_VALUE;

    /** A log holding {@code recovered}, all of it durable. */
    public RaftLog(List<LogEntry> recovered) {
        this.entries = new ArrayList<>(recovered);
        this.durableIndex = recovered.size();
    }

    public long lastIndex() {
        return entries.size();
    }

    public long lastTerm() {
        return term(lastIndex());
    }

    /** The term of the entry at {@code index}; 0 for index 0 or for an index beyond the log. */
    public long term(long index) {
        return index < 1 || index > lastIndex() ? 0 : entries.get((int) (index - 1)).term();
    }

    /** Whether this log has an entry at {@code index} with {@code term}; index 0 always matches (§5.3). */
    public boolean matches(long index, long term) {
        return index == 0 ? term == 0 : index <= lastIndex() && term(index) == term;
    }

    public LogEntry entry(long index) {
        if (index < 1 || index > lastIndex()) {
            throw new IndexOutOfBoundsException("no entry " + index + " in a log ending at " + lastIndex());
        }
        return entries.get((int) (index - 1));
    }

    /**
     * Entries from {@code from} through {@code through}, at most {@code maxCount} of them and stopping once
     * {@code maxBytes} is reached; at least one when the range is not empty, so that a large entry still travels.
     */
    public List<LogEntry> slice(long from, long through, int maxCount, long maxBytes) {
        long end = Math.min(through, lastIndex());
        List<LogEntry> out = new ArrayList<>();
        long bytes = 0;
        for (long i = from; i <= end && out.size() < maxCount; i++) {
            LogEntry e = entry(i);
            bytes += e.sizeBytes();
            if (!out.isEmpty() && bytes > maxBytes) {
                break;
            }
            out.add(e);
        }
        return out;
    }

    /** A leader appends a new entry of its own at the end (§5.3: a leader never overwrites its log). */
    public void append(LogEntry entry) {
        if (entry.index() != lastIndex() + 1) {
            throw new IllegalArgumentException("appending " + entry + " to a log ending at " + lastIndex());
        }
        entries.add(entry);
        unpersistedFrom = Math.min(unpersistedFrom, entry.index());
    }

    /**
     * The index of the first entry that conflicts with {@code incoming} (same index, other term), or 0 if none does.
     * Entries already present with the same term are identical by Log Matching (§5.3) and are skipped.
     */
    public long firstConflict(List<LogEntry> incoming) {
        for (LogEntry e : incoming) {
            if (e.index() <= lastIndex() && term(e.index()) != e.term()) {
                return e.index();
            }
        }
        return 0;
    }

    /**
     * A follower takes a leader's entries that follow a matching entry: from the first one it lacks or that conflicts,
     * its log is replaced by the leader's (§5.3, AppendEntries receiver rules 3 and 4). The caller has checked that
     * no conflict reaches a committed entry.
     */
    public void appendFromLeader(List<LogEntry> incoming) {
        long conflict = firstConflict(incoming);
        if (conflict > 0) {
            truncateFrom(conflict);
        }
        for (LogEntry e : incoming) {
            if (e.index() > lastIndex()) {
                entries.add(e);
                unpersistedFrom = Math.min(unpersistedFrom, e.index());
            }
        }
    }

    private void truncateFrom(long index) {
        entries.subList((int) (index - 1), entries.size()).clear();
        durableIndex = Math.min(durableIndex, index - 1);
        unpersistedFrom = Math.min(unpersistedFrom, index);
    }

    /** Whether a candidate whose log ends at (lastIndex, lastTerm) is at least as up to date as this log (§5.4.1). */
    public boolean isUpToDate(long candidateLastIndex, long candidateLastTerm) {
        return candidateLastTerm > lastTerm() || (candidateLastTerm == lastTerm() && candidateLastIndex >= lastIndex());
    }

    /** The first index of the term of the entry at {@code index}, not looking below {@code floor}. */
    public long firstIndexOfTermAt(long index, long floor) {
        long term = term(index);
        long i = index;
        while (i - 1 > floor && term(i - 1) == term) {
            i--;
        }
        return i;
    }

    /** The last index at or below {@code atOrBelow} whose entry has {@code term}, or 0 if there is none. */
    public long lastIndexOfTerm(long term, long atOrBelow) {
        for (long i = Math.min(atOrBelow, lastIndex()); i > 0; i--) {
            long t = term(i);
            if (t == term) {
                return i;
            }
            if (t < term) {
                return 0;
            }
        }
        return 0;
    }

    /** The highest index known to be durable in storage. */
    public long durableIndex() {
        return durableIndex;
    }

    /**
     * Storage made entries durable through {@code index}, which had {@code term}. A report about an entry that has
     * since been replaced is ignored; its replacement will be reported in turn.
     */
    public boolean markDurable(long index, long term) {
        if (index > durableIndex && matches(index, term)) {
            durableIndex = index;
            return true;
        }
        return false;
    }

    /** Whether some entries changed since {@link #takeUnpersisted()} was last called. */
    public boolean hasUnpersisted() {
        return unpersistedFrom <= lastIndex();
    }

    /** Hands over the entries changed since the last call; storage replaces its log from the first one's index. */
    public List<LogEntry> takeUnpersisted() {
        if (unpersistedFrom > lastIndex()) {
            unpersistedFrom = Long.MAX_VALUE;
            return List.of();
        }
        List<LogEntry> out = List.copyOf(entries.subList((int) (unpersistedFrom - 1), entries.size()));
        unpersistedFrom = Long.MAX_VALUE;
        return out;
    }
}
