package io.github.raftkit.core.engine;

import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.api.spi.PersistentState;
import java.util.List;

/**
 * What a member finds in durable storage when it starts: its term and vote, and its log. Commit and apply indexes
 * are not durable; the member relearns them from a leader (Raft paper Figure 2, "Volatile state").
 *
 * @param state the saved term and vote
 * @param log the durable log, consecutive from index 1
 */
public record RecoveredState(PersistentState state, List<LogEntry> log) {
    /** A member that has never run. */
    public static final RecoveredState EMPTY = new RecoveredState(PersistentState.INITIAL, List.of());

    public RecoveredState {
        log = List.copyOf(log);
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).index() != i + 1) {
                throw new IllegalArgumentException("recovered log is not consecutive from 1 at position " + i
                        + ": " + log.get(i));
            }
        }
    }
}
