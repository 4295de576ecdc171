package io.github.raftkit.core.runtime;

import io.github.raftkit.api.error.StorageException;
import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.api.message.RaftMessage;
import io.github.raftkit.api.spi.PersistentState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * Writes what the engine must persist, on one storage thread, with group commit: each round takes every write queued
 * since the last one, appends the entries (truncating first where a leader replaced them, §5.3), saves the newest
 * term and vote, fsyncs the log once for all of it, and only then reports back to the engine loop together with the
 * messages that were waiting for this durability. Rounds and the writes in them keep the order the loop submitted
 * them in, as the Ready contract requires of those messages.
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
    record Task(Optional<PersistentState> state, List<LogEntry> entries, List<RaftMessage> messagesAfterPersist) {
    }

    private final DurableStores stores;
    private final NodeMetrics metrics;
    private final Consumer<LoopEvent.Persisted> done;
    private final BatchWorker<Task> worker;

    StorageStage(DurableStores stores, NodeMetrics metrics, Consumer<LoopEvent.Persisted> done,
                 ThreadFactory threads, Consumer<Throwable> onFailure) {
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
    }

    private void persist(List<Task> round) {
        Optional<PersistentState> state = Optional.empty();
        LogEntry last = null;
        int written = 0;
        List<RaftMessage> messages = new ArrayList<>();
        for (Task task : round) {
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
        if (written > 0) {
            metrics.fsync(stores.log()::sync);
            metrics.appendBatch(written);
        }
        done.accept(new LoopEvent.Persisted(round.size(), last == null ? 0 : last.index(),
                last == null ? 0 : last.term(), messages));
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
