package io.github.raftkit.core.runtime;

import io.github.raftkit.api.error.StorageException;
import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.api.spi.LogStore;
import io.github.raftkit.api.spi.MetadataStore;
import io.github.raftkit.api.spi.PersistentState;
import io.github.raftkit.api.spi.SnapshotMetadata;
import io.github.raftkit.api.spi.SnapshotStore;
import io.github.raftkit.api.spi.StorageContext;
import io.github.raftkit.core.engine.RecoveredState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A member's open stores, and what it recovers from them when it starts. Opened and recovered on the thread that
 * starts the member; afterwards written by the storage thread only.
 *
 * @param log the replicated log
 * @param metadata the term and vote
 * @param snapshots the snapshots
 */
record DurableStores(LogStore log, MetadataStore metadata, SnapshotStore snapshots) implements AutoCloseable {
    /** How much of the log recovery reads per call, to keep each read's buffer small. */
    private static final long RECOVERY_CHUNK_BYTES = 4L << 20;

    /** Opens all three stores, closing those already open if one fails. */
    static DurableStores open(NodePlugins plugins, StorageContext context) {
        LogStore log = plugins.logStore().open(context);
        MetadataStore metadata = null;
        try {
            metadata = plugins.metadataStore().open(context);
            return new DurableStores(log, metadata, plugins.snapshotStore().open(context));
        } catch (RuntimeException e) {
            if (metadata != null) {
                metadata.close();
            }
            log.close();
            throw e;
        }
    }

    /**
     * Loads the term and vote, the newest snapshot's metadata, and the log from the snapshot on (the engine keeps
     * the log after its snapshot in memory). A log that starts past the snapshot, or without a snapshot past index 1,
     * lost entries nothing replaced: recovery stops rather than run with a hole.
     */
    RecoveredState recover(String member) {
        Optional<SnapshotMetadata> snapshot = snapshots.latest();
        long base = snapshot.map(SnapshotMetadata::lastIncludedIndex).orElse(0L);
        long first = log.firstIndex();
        long last = log.lastIndex();
        if (first > base + 1 && last >= first) {
            throw new StorageException(member + ": the log starts at index " + first + " but the newest snapshot "
                    + "covers only through " + base + "; entries " + (base + 1) + ".." + (first - 1) + " are lost");
        }
        // Read from the snapshot's own index when the log still holds it, so that recovery can check the log
        // follows the snapshot (RecoveredState.of); entries below it are not needed.
        first = Math.max(first, base);
        List<LogEntry> entries = new ArrayList<>();
        long next = first;
        while (next <= last) {
            List<LogEntry> chunk = log.read(next, last + 1, RECOVERY_CHUNK_BYTES);
            if (chunk.isEmpty()) {
                throw new StorageException(member + ": the log claims entries " + first + ".." + last
                        + " but returned none from " + next);
            }
            entries.addAll(chunk);
            next += chunk.size();
        }
        PersistentState state = metadata.load().orElse(PersistentState.INITIAL);
        try {
            return RecoveredState.of(state, snapshot, entries);
        } catch (IllegalArgumentException e) {
            throw new StorageException(member + ": the recovered log is not consecutive: " + e.getMessage(), e);
        }
    }

    /** Closes every store, even if one fails to close. */
    @Override
    public void close() {
        try (log; metadata; snapshots) {
            // try-with-resources closes all three in reverse order and keeps the first failure.
        }
    }
}
