package io.github.raftkit.core.simulation;

import java.util.HashMap;
import java.util.Map;

/**
 * The log prefix each snapshot of a run replaced, as terms and prefix hashes: the checker's memory, not the members'.
 * A member that installs a snapshot has only the snapshot's index, term and state; to keep checking Log Matching and
 * the committed prefix against it, its log view is refilled below the snapshot from here. Two snapshots of the same
 * (index, term) cover the same prefix by Log Matching, which the checker verifies on every log anyway.
 */
final class SnapshotHistory {
    private record Key(long index, long term) {
    }

    private final Map<Key, LogMirror> prefixes = new HashMap<>();

    /** Remembers the prefix through {@code index} of {@code log}, once per snapshot identity. */
    void record(long index, long term, LogMirror log) {
        prefixes.computeIfAbsent(new Key(index, term), k -> log.prefix(index));
    }

    /** The prefix a snapshot replaced; it was recorded when the snapshot was taken. */
    LogMirror prefix(long index, long term) {
        LogMirror prefix = prefixes.get(new Key(index, term));
        if (prefix == null) {
            throw new IllegalStateException("no snapshot through " + index + "@" + term + " was ever taken");
        }
        return prefix;
    }
}
