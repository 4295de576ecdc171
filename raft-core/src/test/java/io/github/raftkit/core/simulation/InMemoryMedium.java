package io.github.raftkit.core.simulation;

import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.api.spi.PersistentState;
import io.github.raftkit.api.spi.SnapshotMetadata;
import io.github.raftkit.core.engine.RecoveredState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The simulation's default disk: term and vote, the log after its compacted prefix, and the newest snapshot. */
final class InMemoryMedium implements DurableMedium {
    private PersistentState state = PersistentState.INITIAL;
    private final ArrayList<LogEntry> log = new ArrayList<>();
    private long logBase;
    private Snapshot snapshot;

    @Override
    public void saveState(PersistentState saved) {
        state = saved;
    }

    @Override
    public void truncateAfter(long index) {
        if (index < logBase + log.size()) {
            log.subList((int) (index - logBase), log.size()).clear();
        }
    }

    @Override
    public void append(List<LogEntry> entries) {
        for (LogEntry entry : entries) {
            if (entry.index() != logBase + log.size() + 1) {
                throw new IllegalStateException("appending " + entry + " after " + (logBase + log.size()));
            }
            log.add(entry);
        }
    }

    @Override
    public void compact(long throughIndex, boolean discardLog) {
        long drop = Math.min(throughIndex - logBase, log.size());
        if (drop > 0) {
            log.subList(0, (int) drop).clear();
        }
        if (discardLog) {
            log.clear();
        }
        logBase = Math.max(logBase, throughIndex);
    }

    @Override
    public void saveSnapshot(SnapshotMetadata metadata, byte[] bytes) {
        snapshot = new Snapshot(metadata, bytes);
    }

    @Override
    public void crash() {
        // Memory that models a disk survives the crash.
    }

    @Override
    public Contents recover() {
        if (snapshot != null) {
            // As a real store would once the member compacts: the log is cut to what follows the snapshot.
            List<LogEntry> kept = RecoveredState.of(state, Optional.of(snapshot.metadata()), log).log();
            log.clear();
            log.addAll(kept);
            logBase = snapshot.metadata().lastIncludedIndex();
        }
        return new Contents(state, Optional.ofNullable(snapshot), List.copyOf(log));
    }
}
