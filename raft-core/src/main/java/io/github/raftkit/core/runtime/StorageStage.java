package io.github.raftkit.core.runtime;

import io.github.raftkit.api.error.StorageException;
import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.api.message.RaftMessage;
import io.github.raftkit.api.spi.PersistentState;
import io.github.raftkit.api.spi.SnapshotMetadata;
import io.github.raftkit.api.spi.SnapshotWriter;
import io.github.raftkit.core.engine.snapshot.LogCompaction;
import io.github.raftkit.core.engine.snapshot.SnapshotChunk;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * Writes what the engine must persist, on one storage thread, with group commit: each round takes every write queued
 * since the last one, appends the entries (truncating first where a leader replaced them, §5.3), saves the newest
 * term and vote, fsyncs the log once for all of it, and only then reports back to the engine loop together with the
 * messages that were waiting for this durability. Rounds and the writes in them keep the order the loop submitted
 * them in, as the Ready contract requires of those messages.
 *
 * <p>It also writes the snapshot chunks a follower takes, in order, into a snapshot writer; after the last one it
 * verifies the CRC32C of the whole and commits the snapshot only if it matches, and reports either way. And it
 * compacts the log's prefix when a snapshot covers it, before the round's entries.
 *
 * <p>A failure is fail-stop: the thread ends and the member stops, because acknowledging anything after a failed
 * write could lose committed data.
 */
final class StorageStage {

    /**
     * One Ready's writes.
     *
     * @param state a new term or vote to save, if it changed
     * @param entries entries to write, replacing the stored log from the first one's index
     * @param messagesAfterPersist messages to send once this write and all before it are durable
     */
    record Task(List<SnapshotChunk> chunks, Optional<LogCompaction> compaction, Optional<PersistentState> state,
                List<LogEntry> entries, List<RaftMessage> messagesAfterPersist) {
    }

    private final DurableStores stores;
    private final NodeMetrics metrics;
    private final Consumer<LoopEvent.Persisted> done;
    private final BatchWorker<Task> worker;
    private final BiConsumer<SnapshotMetadata, SnapshotStage.Digest> received;
    private final String member;
    private SnapshotWriter receiving;
    private CRC32C receivingCrc;
    private long receivedBytes;
    private long receiveStart;

    /** @param received told, on the storage thread, of each snapshot received whole and verified */
    StorageStage(String member, DurableStores stores, NodeMetrics metrics, Consumer<LoopEvent.Persisted> done,
                 BiConsumer<SnapshotMetadata, SnapshotStage.Digest> received, ThreadFactory threads, Consumer<Throwable> onFailure) {
        this.member = member;
        this.received = received;
        this.stores = stores;
        this.metrics = metrics;
        this.done = done;
        this.worker = new BatchWorker<>("storage", threads, Integer.MAX_VALUE, this::persist, onFailure);
    }

    void start() {
        worker.start();
    }

    /** Queues a write; called from the engine loop. */
    void submit(Task task) {
        worker.submit(task);
    }

    void stop() {
        worker.stop();
    }

    void join() throws InterruptedException {
        worker.join();
        if (receiving != null) {
            receiving.close(); // a snapshot half received is discarded
        }
    }

    private void persist(List<Task> round) {
        Optional<PersistentState> state = Optional.empty();
        LogEntry last = null;
        int written = 0;
        List<RaftMessage> messages = new ArrayList<>();
        Optional<LoopEvent.Installed> installed = Optional.empty();
        boolean compacted = false;
        for (Task task : round) {
            for (SnapshotChunk chunk : task.chunks()) {
                Optional<LoopEvent.Installed> outcome = receive(chunk);
                installed = outcome.isPresent() ? outcome : installed;
            }
            if (task.compaction().isPresent()) {
                compact(task.compaction().get());
                compacted = true;
            }
            if (!task.entries().isEmpty()) {
                write(task.entries());
                written += task.entries().size();
                last = task.entries().get(task.entries().size() - 1);
            }
            // Saving replaces the whole state, and nothing is acknowledged before the round ends: the newest suffices.
            state = task.state().isPresent() ? task.state() : state;
            messages.addAll(task.messagesAfterPersist());
        }
        state.ifPresent(stores.metadata()::save);
        if (written > 0 || compacted) {
            metrics.fsync(stores.log()::sync);
        }
        if (written > 0) {
            metrics.appendBatch(written);
        }
        done.accept(new LoopEvent.Persisted(round.size(), last == null ? 0 : last.index(),
                last == null ? 0 : last.term(), messages, installed));
    }

    /** Writes one chunk; after the last, verifies and commits the snapshot (or discards it) and says which. */
    private Optional<LoopEvent.Installed> receive(SnapshotChunk chunk) {
        if (chunk.offset() == 0) {
            if (receiving != null) {
                receiving.close(); // an interrupted transfer: its bytes are discarded
            }
            receiving = stores.snapshots().create(chunk.snapshot());
            receivingCrc = new CRC32C();
            receivedBytes = 0;
            receiveStart = System.nanoTime();
        }
        if (receiving == null || receivedBytes != chunk.offset()) {
            throw new IllegalStateException(member + ": snapshot chunk at offset " + chunk.offset()
                    + " does not follow the " + receivedBytes + " bytes received");
        }
        try {
            receiving.output().write(chunk.bytes());
        } catch (IOException e) {
            throw new StorageException(member + ": writing snapshot through index "
                    + chunk.snapshot().lastIncludedIndex() + " at offset " + chunk.offset() + " failed", e);
        }
        receivingCrc.update(chunk.bytes());
        receivedBytes += chunk.bytes().length;
        if (!chunk.done()) {
            return Optional.empty();
        }
        boolean verified = receivingCrc.getValue() == chunk.checksum();
        try (SnapshotWriter writer = receiving) {
            receiving = null;
            if (verified) {
                writer.commit();
                metrics.snapshotInstalled(receivedBytes, System.nanoTime() - receiveStart);
            }
        }
        if (verified) {
            received.accept(chunk.snapshot(), new SnapshotStage.Digest(receivedBytes, chunk.checksum()));
        }
        return Optional.of(new LoopEvent.Installed(chunk.snapshot(), verified));
    }

    /** Drops the log's prefix that a snapshot covers, and after an install the whole log if it does not follow it. */
    private void compact(LogCompaction compaction) {
        if (compaction.discardLog() && stores.log().lastIndex() >= stores.log().firstIndex()) {
            stores.log().truncateSuffix(stores.log().firstIndex());
        }
        stores.log().compactPrefix(compaction.throughIndex());
    }

    private void write(List<LogEntry> entries) {
        long first = entries.get(0).index();
        long stored = stores.log().lastIndex();
        if (first <= stored) {
            stores.log().truncateSuffix(first);
        } else if (first != stored + 1) {
            throw new StorageException("asked to write entries from " + first + " after a log ending at " + stored);
        }
        stores.log().append(entries);
    }
}
