package io.github.raftkit.storage.file.simulation;

import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.api.spi.LogStore;
import io.github.raftkit.api.spi.LogStoreProvider;
import io.github.raftkit.api.spi.MetadataStore;
import io.github.raftkit.api.spi.MetadataStoreProvider;
import io.github.raftkit.api.spi.NamedProvider;
import io.github.raftkit.api.spi.PersistentState;
import io.github.raftkit.api.spi.SnapshotMetadata;
import io.github.raftkit.api.spi.SnapshotStore;
import io.github.raftkit.api.spi.SnapshotStoreProvider;
import io.github.raftkit.api.spi.SnapshotWriter;
import io.github.raftkit.api.spi.StorageContext;
import io.github.raftkit.core.engine.RecoveredState;
import io.github.raftkit.core.simulation.DurableMedium;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A simulated member's disk kept by the file stores, opened through their providers like a server opens them. A crash
 * closes all three; the next start opens them again, so that the member's restart reads what the stores' own
 * recovery finds on disk.
 */
final class FileMedium implements DurableMedium, AutoCloseable {
    private static final long READ_CHUNK_BYTES = 1 << 20;

    private final StorageContext context;
    private LogStore log;
    private MetadataStore metadata;
    private SnapshotStore snapshots;
    private int opens;
    private int logsCut;

    FileMedium(Path dataDir, NodeId member, Map<String, String> properties) {
        this.context = new StorageContext(member, GroupId.of("sim"), Optional.of(dataDir.resolve(member.toString())),
                properties);
    }

    /** How many restarts found a log that did not follow the snapshot (or ended before it) and cut it. */
    int logsCut() {
        return logsCut;
    }

    /** How many times the stores were opened: once per start of the member. */
    int opens() {
        return opens;
    }

    @Override
    public void saveState(PersistentState state) {
        metadata.save(state);
    }

    @Override
    public void truncateAfter(long index) {
        log.truncateSuffix(index + 1); // durable when it returns
    }

    @Override
    public void append(List<LogEntry> entries) {
        log.append(entries);
        log.sync();
    }

    @Override
    public void compact(long throughIndex, boolean discardLog) {
        if (discardLog && log.lastIndex() > throughIndex) {
            discardAfter(throughIndex);
        }
        log.compactPrefix(throughIndex);
    }

    /** Removes the entries after {@code index}, which no longer follow the snapshot through it. */
    private void discardAfter(long index) {
        if (index + 1 < log.firstIndex()) {
            throw new IllegalStateException("cannot discard the log after " + index + ": it was compacted through "
                    + (log.firstIndex() - 1));
        }
        log.truncateSuffix(index + 1);
    }

    @Override
    public void saveSnapshot(SnapshotMetadata snapshot, byte[] bytes) {
        try (SnapshotWriter writer = snapshots.create(snapshot)) {
            writer.output().write(bytes);
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void crash() {
        close();
    }

    @Override
    public Contents recover() {
        close();
        log = provider(LogStoreProvider.class).open(context);
        metadata = provider(MetadataStoreProvider.class).open(context);
        snapshots = provider(SnapshotStoreProvider.class).open(context);
        opens++;
        PersistentState state = metadata.load().orElse(PersistentState.INITIAL);
        Optional<Snapshot> snapshot = snapshots.latest().map(m -> new Snapshot(m, read(m)));
        long base = snapshot.map(s -> s.metadata().lastIncludedIndex()).orElse(0L);
        // Like the runtime: from the snapshot's own index when the log still holds it, to check the log follows it.
        List<LogEntry> entries = readLog(Math.max(log.firstIndex(), base));
        if (snapshot.isPresent()) {
            // As the member would once it compacts: the log keeps only what follows the snapshot.
            List<LogEntry> after = RecoveredState.of(state, Optional.of(snapshot.get().metadata()), entries).log();
            if (log.lastIndex() != base + after.size()) {
                logsCut++;
                if (log.lastIndex() > base) {
                    discardAfter(base);
                }
                log.compactPrefix(base);
            }
        }
        return new Contents(state, snapshot, entries);
    }

    private byte[] read(SnapshotMetadata snapshot) {
        try (InputStream in = snapshots.open(snapshot)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<LogEntry> readLog(long from) {
        List<LogEntry> entries = new ArrayList<>();
        long next = from;
        while (next <= log.lastIndex()) {
            List<LogEntry> chunk = log.read(next, log.lastIndex() + 1, READ_CHUNK_BYTES);
            if (chunk.isEmpty()) {
                throw new IllegalStateException("the log claims entries through " + log.lastIndex()
                        + " but returned none from " + next);
            }
            entries.addAll(chunk);
            next += chunk.size();
        }
        return entries;
    }

    private static <P extends NamedProvider> P provider(Class<P> kind) {
        return ServiceLoader.load(kind).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("file")).findFirst().orElseThrow();
    }

    @Override
    public void close() {
        try (LogStore l = log; MetadataStore m = metadata; SnapshotStore s = snapshots) {
            log = null;
            metadata = null;
            snapshots = null;
        }
    }
}
