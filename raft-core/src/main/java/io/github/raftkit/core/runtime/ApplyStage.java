package io.github.raftkit.core.runtime;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.error.NotLeaderException;
import io.github.raftkit.api.log.EntryType;
import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.api.statemachine.Command;
import io.github.raftkit.api.statemachine.StateMachine;
import io.github.raftkit.core.engine.ReadState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * Feeds committed entries to the {@link StateMachine} in log order and in batches, on one apply thread, and answers
 * the callers waiting on them: a proposal when the entry at its index is applied, a read once the state machine has
 * applied through the read's index. A slow state machine slows this thread only, never the engine loop and its
 * heartbeats.
 *
 * <p>The engine loop submits tasks in the order it produced them, so a proposal's or read's registration always
 * arrives before the entry or confirmation that decides it. Stale reads come straight from callers' threads. An
 * exception from {@link StateMachine#apply} ends the thread and stops the member: applying past it would make this
 * replica diverge from the others.
 */
final class ApplyStage {

    /** Work for the apply thread. */
    sealed interface Task {
    }

    /** Proposals the engine appended at consecutive indexes from {@code firstIndex}, all in {@code term}. */
    record AwaitProposals(long firstIndex, long term, List<CompletableFuture<byte[]>> futures) implements Task {
    }

    /** A read the leader is confirming under {@code readId}. */
    record AwaitRead(long readId, byte[] query, CompletableFuture<byte[]> future) implements Task {
    }

    /**
     * One Ready's decisions: entries to apply, reads confirmed, reads that can no longer be confirmed.
     *
     * @param leaderHint the leader known when they were decided, for the callers told to go elsewhere
     */
    record Decided(List<LogEntry> committed, List<ReadState> reads, List<Long> abortedReads,
                   Optional<NodeId> leaderHint) implements Task {
    }

    /** A read served from whatever has been applied. */
    record StaleRead(byte[] query, CompletableFuture<byte[]> future) implements Task {
    }

    private record Waiting(long term, CompletableFuture<byte[]> future) {
    }

    private record PendingRead(byte[] query, CompletableFuture<byte[]> future) {
    }

    private record ConfirmedRead(long index, PendingRead read) {
    }

    private final NodeId self;
    private final StateMachine stateMachine;
    private final BatchWorker<Task> worker;
    private final NavigableMap<Long, Waiting> proposals = new TreeMap<>();
    private final Map<Long, PendingRead> unconfirmedReads = new HashMap<>();
    private final PriorityQueue<ConfirmedRead> confirmedReads =
            new PriorityQueue<>(Comparator.comparingLong(ConfirmedRead::index));
    private volatile long appliedIndex;

    ApplyStage(NodeId self, StateMachine stateMachine, ThreadFactory threads, Consumer<Throwable> onFailure) {
        this.self = self;
        this.stateMachine = stateMachine;
        this.worker = new BatchWorker<>("apply", threads, Integer.MAX_VALUE, this::handle, onFailure);
    }

    void start() {
        worker.start();
    }

    /** Queues a task; called from the engine loop, and from callers' threads for stale reads. */
    void submit(Task task) {
        worker.submit(task);
    }

    void stop() {
        worker.stop();
    }

    void join() throws InterruptedException {
        worker.join();
    }

    /** The index of the last entry applied; readable from any thread. */
    long appliedIndex() {
        return appliedIndex;
    }

    private void handle(List<Task> batch) {
        for (Task task : batch) {
            if (task instanceof AwaitProposals awaited) {
                await(awaited);
            } else if (task instanceof AwaitRead read) {
                unconfirmedReads.put(read.readId(), new PendingRead(read.query(), read.future()));
            } else if (task instanceof Decided decided) {
                apply(decided.committed(), decided.leaderHint());
                confirm(decided.reads());
                abort(decided.abortedReads(), decided.leaderHint());
                serveConfirmedReads();
            } else if (task instanceof StaleRead read) {
                answer(new PendingRead(read.query(), read.future()));
            }
        }
    }

    private void await(AwaitProposals awaited) {
        for (int i = 0; i < awaited.futures().size(); i++) {
            Waiting waiting = new Waiting(awaited.term(), awaited.futures().get(i));
            Waiting replaced = proposals.put(awaited.firstIndex() + i, waiting);
            if (replaced != null) {
                // This member led before, lost the entry it appended here, and leads again: the old one is gone.
                replaced.future().completeExceptionally(new NotLeaderException(self, Optional.empty()));
            }
        }
    }

    private void apply(List<LogEntry> entries, Optional<NodeId> leaderHint) {
        if (entries.isEmpty()) {
            return;
        }
        List<Command> commands = new ArrayList<>(entries.size());
        for (LogEntry entry : entries) {
            if (entry.type() == EntryType.COMMAND) {
                commands.add(new Command(entry.index(), entry.term(), entry.data()));
            }
        }
        List<byte[]> results = commands.isEmpty() ? List.of() : applyToStateMachine(commands);
        int next = 0;
        for (LogEntry entry : entries) {
            decide(entry, entry.type() == EntryType.COMMAND ? results.get(next++) : null, leaderHint);
        }
        appliedIndex = entries.get(entries.size() - 1).index();
    }

    private List<byte[]> applyToStateMachine(List<Command> commands) {
        long first = commands.get(0).index();
        long last = commands.get(commands.size() - 1).index();
        List<byte[]> results;
        try {
            results = stateMachine.apply(commands);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the state machine failed applying entries " + first + ".." + last, e);
        }
        if (results == null || results.size() != commands.size()) {
            throw new IllegalStateException("the state machine returned " + (results == null ? "null" : results.size()
                    + " results") + " for " + commands.size() + " commands (entries " + first + ".." + last + ")");
        }
        return results;
    }

    /**
     * Answers whoever proposed at this entry's index: with the result if the entry is theirs (same term), else
     * "not leader", since another leader's entry overwrote theirs. Anyone still waiting below it lost theirs too.
     */
    private void decide(LogEntry entry, byte[] result, Optional<NodeId> leaderHint) {
        NavigableMap<Long, Waiting> settled = proposals.headMap(entry.index(), true);
        for (Map.Entry<Long, Waiting> waiting : settled.entrySet()) {
            boolean ours = waiting.getKey() == entry.index() && waiting.getValue().term() == entry.term();
            if (ours && result != null) {
                waiting.getValue().future().complete(result);
            } else {
                waiting.getValue().future().completeExceptionally(new NotLeaderException(self, leaderHint));
            }
        }
        settled.clear();
    }

    private void confirm(List<ReadState> reads) {
        for (ReadState state : reads) {
            PendingRead read = unconfirmedReads.remove(state.requestId());
            if (read != null) {
                confirmedReads.add(new ConfirmedRead(state.index(), read));
            }
        }
    }

    private void abort(List<Long> readIds, Optional<NodeId> leaderHint) {
        for (long id : readIds) {
            PendingRead read = unconfirmedReads.remove(id);
            if (read != null) {
                read.future().completeExceptionally(new NotLeaderException(self, leaderHint));
            }
        }
    }

    private void serveConfirmedReads() {
        while (!confirmedReads.isEmpty() && confirmedReads.peek().index() <= appliedIndex) {
            answer(confirmedReads.poll().read());
        }
    }

    /** Runs a query; its failure fails that read alone, since queries change nothing that replicas share. */
    private void answer(PendingRead read) {
        if (read.future().isDone()) {
            return;
        }
        try {
            read.future().complete(stateMachine.query(read.query()));
        } catch (RuntimeException e) {
            read.future().completeExceptionally(e);
        }
    }
}
