package io.github.raftkit.core.engine.log;

import io.github.raftkit.api.log.LogEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's view of its log: the entries after its <em>base</em>, which of them are durable, and which changes are
 * not yet handed to storage. Owned by the engine's thread.
 *
 * <p>The base is the last entry a snapshot replaced (Raft paper §7): entries at or below it are gone, but its term
 * still answers, so that an append right after it can be checked (Log Matching). The base is always committed. A new
 * log's base is index 0, term 0.
 *
 * <p>Terms in a Raft log never decrease, which the lookups below rely on to stop early.
 */
public final class RaftLog {
    private final ArrayList<LogEntry> entries;
    private long baseIndex;
    private long baseTerm;
    private long durableIndex;
    private long unpersistedFrom = Long.MAX_VALUE;

    /** A log holding {@code recovered}, all of it durable. */
    public RaftLog(List<LogEntry> recovered) {
        this(0, 0, recovered);
    }

    /** A log whose entries through {@code baseIndex} (of {@code baseTerm}) a snapshot replaced, then {@code recovered}. */
    public RaftLog(long baseIndex, long baseTerm, List<LogEntry> recovered) {
        this.baseIndex = baseIndex;
        this.baseTerm = baseTerm;
        this.entries = new ArrayList<>(recovered);
        this.durableIndex = baseIndex + recovered.size();
    }

    /** The last index a snapshot replaced; 0 if none. */
    public long baseIndex() {
        return baseIndex;
    }

    /** The first index whose entry the log still holds (or would hold next, when empty). */
    public long firstIndex() {
        return baseIndex + 1;
    }

    public long lastIndex() {
        return baseIndex + entries.size();
    }

    public long lastTerm() {
        return term(lastIndex());
    }

    /**
     * The term of the entry at {@code index}; the base's term at the base; 0 for index 0, for an index beyond the log
     * and for one below the base, whose term is gone with the entry.
     */
    public long term(long index) {
        if (index == baseIndex) {
            return baseTerm;
        }
        return index < baseIndex || index > lastIndex() ? 0 : entries.get(position(index)).term();
    }

    /**
     * Whether this log has an entry at {@code index} with {@code term}; index 0 always matches (§5.3). Below the base
     * the answer is false: the caller checks committed positions against its commit index first.
     */
    public boolean matches(long index, long term) {
        return index == 0 ? term == 0 : index >= baseIndex && index <= lastIndex() && term(index) == term;
    }

    public LogEntry entry(long index) {
        if (index <= baseIndex || index > lastIndex()) {
            throw new IndexOutOfBoundsException("no entry " + index + " in a log holding " + firstIndex() + ".."
                    + lastIndex());
        }
        return entries.get(position(index));
    }

    private int position(long index) {
        return (int) (index - baseIndex - 1);
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
            if (e.index() > baseIndex && e.index() <= lastIndex() && term(e.index()) != e.term()) {
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
        entries.subList(position(index), entries.size()).clear();
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
        for (long i = Math.min(atOrBelow, lastIndex()); i > 0 && i >= baseIndex; i--) {
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
        List<LogEntry> out = List.copyOf(entries.subList(position(unpersistedFrom), entries.size()));
        unpersistedFrom = Long.MAX_VALUE;
        return out;
    }

    /**
     * Drops the entries through {@code index}, which a snapshot covers (§7); the log then starts after it. The caller
     * keeps {@code index} at or below what is committed and durable.
     */
    public void compactThrough(long index) {
        if (index <= baseIndex) {
            return;
        }
        if (index > durableIndex) {
            throw new IllegalArgumentException("compacting through " + index + " beyond the durable index "
                    + durableIndex);
        }
        long newBaseTerm = term(index);
        entries.subList(0, position(index) + 1).clear();
        baseIndex = index;
        baseTerm = newBaseTerm;
    }

    /**
     * Makes a snapshot the log's base (§7, InstallSnapshot receiver rules 6 and 7): if the log holds the snapshot's
     * last entry with the same term, the entries after it stay; otherwise the whole log is discarded, since none of it
     * can follow the snapshot. Returns whether entries after the snapshot were kept.
     */
    public boolean resetTo(long index, long term) {
        boolean keep = index <= lastIndex() && index >= baseIndex && term(index) == term;
        if (keep) {
            entries.subList(0, position(index) + 1).clear();
            durableIndex = Math.max(durableIndex, index);
            if (unpersistedFrom != Long.MAX_VALUE) {
                unpersistedFrom = Math.max(unpersistedFrom, index + 1);
            }
        } else {
            entries.clear();
            durableIndex = index;
            unpersistedFrom = Long.MAX_VALUE;
        }
        baseIndex = index;
        baseTerm = term;
        return keep;
    }
}
