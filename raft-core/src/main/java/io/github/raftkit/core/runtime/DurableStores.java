package io.github.raftkit.core.runtime;

import io.github.raftkit.api.error.StorageException;
import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.api.spi.LogStore;
import io.github.raftkit.api.spi.MetadataStore;
import io.github.raftkit.api.spi.PersistentState;
import io.github.raftkit.api.spi.SnapshotStore;
import io.github.raftkit.api.spi.StorageContext;
import io.github.raftkit.core.engine.RecoveredState;
import java.util.ArrayList;
import java.util.List;

/**
 * A member's open stores, and what it recovers from them when it starts. Opened and recovered on the thread that
 * starts the member; afterwards written by the storage thread only.
 *
 * @param log the replicated log
 * @param metadata the term and vote
 * @param snapshots the snapshots (not used yet)
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

    /** Loads the term and vote and reads the whole log; the engine keeps the log in memory. */
    RecoveredState recover(String member) {
        long first = log.firstIndex();
        long last = log.lastIndex();
        if (first != 1) {
            // A compacted log needs the snapshot that replaced its prefix, and snapshots are not installed yet.
            throw new StorageException(member + ": the log starts at index " + first
                    + ", but recovery from a snapshot is not supported yet");
        }
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
            return new RecoveredState(state, entries);
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
