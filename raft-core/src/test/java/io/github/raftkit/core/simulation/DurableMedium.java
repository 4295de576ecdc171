package io.github.raftkit.core.simulation;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.api.spi.PersistentState;
import io.github.raftkit.api.spi.SnapshotMetadata;
import java.util.List;
import java.util.Optional;

/**
 * What a simulated member's disk actually keeps: only the writes that completed. The simulation's storage model
 * ({@link SimulatedStorage}) decides when a write completes and what a crash loses or tears; each change that
 * completes (or the prefix a torn write leaves) reaches the medium, and a restart reads back what the medium recovers.
 * The default medium is memory; a store's own tests plug in the real store (see
 * {@link SimulationSetup#withDurableMedium}) so that the engine's simulation runs on it.
 *
 * <p>Every call must be durable when it returns.
 */
public interface DurableMedium {

    /** Opens the medium of one member of a run; called once per member, before its first start. */
    @FunctionalInterface
    interface Factory {
        DurableMedium open(NodeId member);
    }

    /** A snapshot's metadata and bytes. */
    record Snapshot(SnapshotMetadata metadata, byte[] bytes) {
    }

    /** What a restarting member finds: the term and vote, the newest snapshot, and the stored log from any index. */
    record Contents(PersistentState state, Optional<Snapshot> snapshot, List<LogEntry> log) {
    }

    /** Replaces the term and vote. */
    void saveState(PersistentState state);

    /** Removes every entry after {@code index} (which is at least the compacted prefix's end). */
    void truncateAfter(long index);

    /** Appends consecutive entries right after the last one held. */
    void append(List<LogEntry> entries);

    /**
     * Entries through {@code throughIndex} are covered by the stored snapshot and may go; with {@code discardLog}, the
     * log did not follow an installed snapshot and every entry goes.
     */
    void compact(long throughIndex, boolean discardLog);

    /** Stores a snapshot newer than any stored before. */
    void saveSnapshot(SnapshotMetadata metadata, byte[] bytes);

    /** Power is lost: whatever the medium holds open is dropped. */
    void crash();

    /** What a (re)starting member reads back. */
    Contents recover();

    /** The default: a member's disk as memory, surviving crashes because the simulation keeps it. */
    Factory IN_MEMORY = member -> new InMemoryMedium();
}
