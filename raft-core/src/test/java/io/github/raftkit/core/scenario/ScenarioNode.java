package io.github.raftkit.core.scenario;

import io.github.raftkit.api.log.EntryType;
import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.api.message.InstallSnapshot;
import io.github.raftkit.api.message.RaftMessage;
import io.github.raftkit.api.spi.PersistentState;
import io.github.raftkit.api.spi.SnapshotMetadata;
import io.github.raftkit.core.engine.RaftEngine;
import io.github.raftkit.core.engine.Ready;
import io.github.raftkit.core.engine.RecoveredState;
import io.github.raftkit.core.engine.snapshot.LogCompaction;
import io.github.raftkit.core.engine.snapshot.SnapshotChunk;
import io.github.raftkit.core.engine.snapshot.SnapshotSend;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * One member in a scenario: an engine, the storage it persists to (synchronously: scenarios lose nothing on a crash
 * but volatile state), its newest snapshot, and the commands it applied. A snapshot's bytes are the applied commands,
 * one per line; it travels in chunks of {@code chunkBytes}.
 */
final class ScenarioNode {
    private record Snapshot(SnapshotMetadata metadata, byte[] bytes) {
    }

    private final int chunkBytes;
    private RaftEngine engine;
    private PersistentState durableState = PersistentState.INITIAL;
    private final List<LogEntry> durableLog = new ArrayList<>();
    private long durableBase;
    private Snapshot snapshot;
    private ByteArrayOutputStream receiving;
    private final List<String> applied = new ArrayList<>();
    private long appliedIndex;
    private long appliedTerm;
    private final List<String> reads = new ArrayList<>();
    private boolean up = true;

    ScenarioNode(RaftEngine engine, int chunkBytes) {
        this.engine = engine;
        this.chunkBytes = chunkBytes;
    }

    RaftEngine engine() {
        return engine;
    }

    boolean isUp() {
        return up;
    }

    List<String> applied() {
        return applied;
    }

    List<String> reads() {
        return reads;
    }

    /** The first index the durable log holds. */
    long durableFirstIndex() {
        return durableBase + 1;
    }

    /** Takes a snapshot of everything applied and tells the engine; returns what the engine said. */
    boolean takeSnapshot() {
        SnapshotMetadata metadata = new SnapshotMetadata(appliedIndex, appliedTerm, engine.config().members());
        if (engine.latestSnapshot().map(s -> s.lastIncludedIndex() >= appliedIndex).orElse(appliedIndex == 0)) {
            return false;
        }
        Snapshot taken = new Snapshot(metadata, String.join("\n", applied).getBytes(StandardCharsets.UTF_8));
        boolean accepted = engine.snapshotTaken(metadata);
        if (accepted) {
            snapshot = taken;
        }
        return accepted;
    }

    /** Carries out the engine's Ready in the order its contract gives, sending messages through {@code network}. */
    void processReady(Consumer<RaftMessage> network) {
        while (up && engine.hasReady()) {
            Ready ready = engine.ready();
            ready.messages().forEach(network);
            ready.snapshotSends().forEach(send -> network.accept(chunk(send)));
            ready.snapshotChunks().forEach(this::write);
            ready.compaction().ifPresent(this::compact);
            ready.state().ifPresent(state -> durableState = state);
            if (!ready.entries().isEmpty()) {
                long first = ready.entries().get(0).index();
                int keep = (int) Math.max(0, Math.min(first - 1 - durableBase, durableLog.size()));
                durableLog.subList(keep, durableLog.size()).clear();
                durableLog.addAll(ready.entries());
                LogEntry last = ready.entries().get(ready.entries().size() - 1);
                engine.persisted(last.index(), last.term());
            }
            ready.messagesAfterPersist().forEach(network);
            ready.restore().ifPresent(this::restore);
            for (LogEntry entry : ready.committed()) {
                applied.add(entry.type() == EntryType.NO_OP
                        ? "(no-op)" : new String(entry.data(), StandardCharsets.UTF_8));
                appliedIndex = entry.index();
                appliedTerm = entry.term();
            }
            ready.reads().forEach(r -> reads.add("read " + r.requestId() + " at " + r.index()));
            ready.abortedReads().forEach(id -> reads.add("read " + id + " aborted"));
        }
    }

    private InstallSnapshot chunk(SnapshotSend send) {
        byte[] bytes = snapshot.bytes();
        int from = (int) Math.min(send.offset(), bytes.length);
        int to = Math.min(bytes.length, from + chunkBytes);
        boolean done = to == bytes.length;
        return new InstallSnapshot(engine.config().group(), engine.self(), send.to(), send.term(), send.snapshot(),
                from, Arrays.copyOfRange(bytes, from, to), done, done ? crc(bytes) : 0);
    }

    private void write(SnapshotChunk chunk) {
        if (chunk.offset() == 0) {
            receiving = new ByteArrayOutputStream();
        }
        receiving.writeBytes(chunk.bytes());
        if (chunk.done()) {
            byte[] bytes = receiving.toByteArray();
            receiving = null;
            if (crc(bytes) == chunk.checksum()) {
                snapshot = new Snapshot(chunk.snapshot(), bytes);
                engine.snapshotInstalled(chunk.snapshot());
            } else {
                engine.snapshotInstallFailed(chunk.snapshot());
            }
        }
    }

    private void compact(LogCompaction compaction) {
        long drop = Math.min(compaction.throughIndex() - durableBase, durableLog.size());
        durableLog.subList(0, (int) Math.max(0, drop)).clear();
        if (compaction.discardLog()) {
            durableLog.clear();
        }
        durableBase = compaction.throughIndex();
    }

    private void restore(SnapshotMetadata metadata) {
        applied.clear();
        String text = new String(snapshot.bytes(), StandardCharsets.UTF_8);
        if (!text.isEmpty()) {
            applied.addAll(Arrays.asList(text.split("\n", -1)));
        }
        appliedIndex = metadata.lastIncludedIndex();
        appliedTerm = metadata.lastIncludedTerm();
    }

    private static long crc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return crc.getValue();
    }

    /** Loses everything volatile: the engine, unsent messages, a snapshot half received, the applied state. */
    void crash() {
        up = false;
        receiving = null;
        applied.clear();
        appliedIndex = 0;
        appliedTerm = 0;
        reads.clear();
    }

    /** Comes back from durable storage with a new engine, the state machine restored from the newest snapshot. */
    void restart(java.util.function.Function<RecoveredState, RaftEngine> factory) {
        Optional<SnapshotMetadata> newest = Optional.ofNullable(snapshot).map(Snapshot::metadata);
        engine = factory.apply(RecoveredState.of(durableState, newest, durableLog));
        newest.ifPresent(this::restore);
        up = true;
    }
}
