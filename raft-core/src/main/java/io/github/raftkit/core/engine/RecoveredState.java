package io.github.raftkit.core.engine;

import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.api.spi.PersistentState;
import io.github.raftkit.api.spi.SnapshotMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a member finds in durable storage when it starts: its term and vote, its newest snapshot, and the log after
 * that snapshot. Commit and apply indexes are not durable; the member relearns them from a leader (Raft paper
 * Figure 2, "Volatile state"), except that a snapshot is committed by definition.
 *
 * @param state the saved term and vote
 * @param snapshot the newest complete snapshot, if any
 * @param log the durable log after the snapshot, consecutive from {@code snapshot.lastIncludedIndex() + 1} (from 1
 *     without a snapshot)
 */
public record RecoveredState(PersistentState state, Optional<SnapshotMetadata> snapshot, List<LogEntry> log) {
    /** A member that has never run. */
    public static final RecoveredState EMPTY = new RecoveredState(PersistentState.INITIAL, List.of());

    /** A member without a snapshot. */
    public RecoveredState(PersistentState state, List<LogEntry> log) {
        this(state, Optional.empty(), log);
    }

    public RecoveredState {
        log = List.copyOf(log);
        long first = snapshot.map(SnapshotMetadata::lastIncludedIndex).orElse(0L) + 1;
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).index() != first + i) {
                throw new IllegalArgumentException("recovered log is not consecutive from " + first
                        + " at position " + i + ": " + log.get(i));
            }
        }
    }

    /**
     * What to recover from a snapshot and a stored log that may overlap it: the stored log may still hold entries the
     * snapshot covers (compaction keeps a tail, or a crash came before it), or entries from before an installed
     * snapshot that it replaced. The entries after the snapshot are kept only if the log reaches the snapshot through
     * the snapshot's own last entry (same term), or starts right after it; otherwise none of them can follow it (§7).
     *
     * @param stored consecutive entries as the log store holds them, from any index
     */
    public static RecoveredState of(PersistentState state, Optional<SnapshotMetadata> snapshot, List<LogEntry> stored) {
        if (snapshot.isEmpty() || stored.isEmpty()) {
            return new RecoveredState(state, snapshot, stored);
        }
        long index = snapshot.get().lastIncludedIndex();
        long first = stored.get(0).index();
        long last = stored.get(stored.size() - 1).index();
        boolean follows = first == index + 1
                || (first <= index && index <= last
                        && stored.get((int) (index - first)).term() == snapshot.get().lastIncludedTerm());
        List<LogEntry> after = new ArrayList<>();
        if (follows) {
            for (LogEntry entry : stored) {
                if (entry.index() > index) {
                    after.add(entry);
                }
            }
        }
        return new RecoveredState(state, snapshot, after);
    }
}
