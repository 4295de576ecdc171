package io.github.raftkit.core.runtime;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.SnapshotPolicy;
import io.github.raftkit.api.error.StorageException;
import io.github.raftkit.api.error.NotLeaderException;
import io.github.raftkit.api.log.EntryType;
import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.api.spi.SnapshotMetadata;
import io.github.raftkit.api.spi.SnapshotStore;
import io.github.raftkit.api.statemachine.Command;
import io.github.raftkit.api.statemachine.BlockingQueries;
import io.github.raftkit.api.statemachine.LeaderDuties;
import io.github.raftkit.api.statemachine.Snapshot;
import io.github.raftkit.api.statemachine.StateMachine;
import io.github.raftkit.core.engine.ReadState;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *
 * <p>Snapshots start here too: once {@link SnapshotPolicy#entriesBetween()} entries or
 * {@link SnapshotPolicy#bytesBetween()} bytes were applied since the last one (or a caller asked), the state machine
 * hands out a consistent view ({@link StateMachine#snapshot()}), which the {@link SnapshotStage} writes on its own
 * thread while applying goes on; one snapshot at a time. A snapshot installed from the leader is restored here,
 * before the entries after it are applied.
 *
 * <p>Stale reads wait until the state machine has applied up to a commit index learned from a current leader, so that
 * a restarted member never answers from a state older than what it acknowledged before (the Redis-Raft bug).
 *
 * <p>The state machine's optional extras run here too. A query that may wait is held until
 * {@link BlockingQueries#answerIfReady} answers it, asked again after every applied batch, or until its wait ends.
 * {@link LeaderDuties} start once this member leads a term and has applied an entry of that term, and stop when the
 * engine loop reports that leadership ended; tasks they scheduled run here, and only while their term is current.
 */
final class ApplyStage {
    private static final Logger LOG = LoggerFactory.getLogger(ApplyStage.class);

    /** Work for the apply thread. */
    sealed interface Task {
    }

    /** Proposals the engine appended at consecutive indexes from {@code firstIndex}, all in {@code term}. */
    record AwaitProposals(long firstIndex, long term, List<CompletableFuture<byte[]>> futures) implements Task {
    }

    /** What waits for a ReadIndex confirmation: a query to answer, or a follower's request for the index itself. */
    sealed interface ReadRequest {
        CompletableFuture<?> future();
    }

    /**
     * A query, answered once the state machine has applied through the confirmed index; while its {@code hold} is not
     * over, only once the state machine has the answer it waits for ({@link BlockingQueries}).
     */
    record Query(byte[] query, Wait hold, CompletableFuture<byte[]> future) implements ReadRequest {
        /** A query answered as soon as it is fresh enough. */
        Query(byte[] query, CompletableFuture<byte[]> future) {
            this(query, Wait.NONE, future);
        }
    }

    /** Whether a query may still be held; set once, from the timer, when its wait is over. */
    static final class Wait {
        static final Wait NONE = over();
        private volatile boolean over;

        static Wait over() {
            Wait wait = new Wait();
            wait.end();
            return wait;
        }

        void end() {
            over = true;
        }

        boolean isOver() {
            return over;
        }
    }

    /** A held query's wait is over: it is answered with the state as it stands. */
    record WaitEnded(Query query) implements Task {
    }

    /** This member now leads {@code term}, or leads nothing if it is 0. */
    record Leadership(long term) implements Task {
    }

    /** A task the state machine's leader duties scheduled in {@code term}'s context. */
    record Duty(LeaderTerm term, Runnable task) implements Task {
    }

    /** A follower's read barrier (dissertation §6.4), answered with the confirmed index as soon as it is known. */
    record Barrier(CompletableFuture<Long> future) implements ReadRequest {
    }

    /** A read the leader is confirming under {@code readId}. */
    record AwaitRead(long readId, ReadRequest request) implements Task {
    }

    /** A query to answer once the state machine has applied through {@code index}: a follower read. */
    record ReadAt(long index, Query query) implements Task {
    }

    /**
     * One Ready's decisions: entries to apply, reads confirmed, reads that can no longer be confirmed.
     *
     * @param leaderHint the leader known when they were decided, for the callers told to go elsewhere
     */
    record Decided(Optional<SnapshotMetadata> restore, List<LogEntry> committed, List<ReadState> reads,
                   List<Long> abortedReads, Optional<NodeId> leaderHint) implements Task {
    }

    /** A read served from whatever has been applied, once stale reads are allowed. */
    record StaleRead(Query query) implements Task {
    }

    /** The engine learned {@code index} as committed from a current leader: stale reads may go once it is applied. */
    record LeaderCommitKnown(long index) implements Task {
    }

    /** A caller asks for a snapshot now. */
    record TakeSnapshot(CompletableFuture<SnapshotMetadata> future) implements Task {
    }

    /** The snapshot stage finished writing a snapshot, successfully or not. */
    record SnapshotWritten(SnapshotMetadata metadata, boolean success) implements Task {
    }

    private record Waiting(long term, CompletableFuture<byte[]> future) {
    }

    private record ConfirmedRead(long index, Query read) {
    }

    private final NodeId self;
    private final StateMachine stateMachine;
    private final Optional<BlockingQueries> blocking;
    private final Optional<LeaderDuties> duties;
    private final LongFunction<LeaderTerm> leaderTerms;
    private final Set<Query> held = new LinkedHashSet<>();
    private long leadingTerm;
    private LeaderTerm dutiesTerm;
    private final BatchWorker<Task> worker;
    private final NavigableMap<Long, Waiting> proposals = new TreeMap<>();
    private final Map<Long, ReadRequest> unconfirmedReads = new HashMap<>();
    private final PriorityQueue<ConfirmedRead> confirmedReads =
            new PriorityQueue<>(Comparator.comparingLong(ConfirmedRead::index));
    private volatile long appliedIndex;
    private long appliedTerm;
    private final SnapshotPolicy policy;
    private final List<NodeId> members;
    private SnapshotStore snapshots;
    private SnapshotStage snapshotStage;
    private long entriesSinceSnapshot;
    private long bytesSinceSnapshot;
    private boolean snapshotWriting;
    private SnapshotMetadata lastSnapshot;
    private final List<CompletableFuture<SnapshotMetadata>> snapshotWaiters = new ArrayList<>();
    private long staleReadsFrom = Long.MAX_VALUE;
    private final List<Query> staleReads = new ArrayList<>();

    /**
     * {@code user} is the user's own state machine (which {@code stateMachine} wraps), for its optional
     * {@link BlockingQueries} and {@link LeaderDuties}; {@code leaderTerms} makes the context of a led term.
     */
    ApplyStage(NodeId self, StateMachine stateMachine, StateMachine user, LongFunction<LeaderTerm> leaderTerms,
               SnapshotPolicy policy, List<NodeId> members, ThreadFactory threads, Consumer<Throwable> onFailure) {
        this.self = self;
        this.stateMachine = stateMachine;
        this.blocking = user instanceof BlockingQueries queries ? Optional.of(queries) : Optional.empty();
        this.duties = user instanceof LeaderDuties leader ? Optional.of(leader) : Optional.empty();
        this.leaderTerms = leaderTerms;
        this.policy = policy;
        this.members = List.copyOf(members);
        this.worker = new BatchWorker<>("apply", threads, Integer.MAX_VALUE, this::handle, onFailure);
    }

    /**
     * Wires the snapshot store and stage, and restores the state machine from {@code recovered}, the newest local
     * snapshot; called before {@link #start}, on the starting thread.
     */
    void useSnapshots(SnapshotStore store, SnapshotStage stage, Optional<SnapshotMetadata> recovered) {
        this.snapshots = store;
        this.snapshotStage = stage;
        recovered.ifPresent(this::restore);
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
                unconfirmedReads.put(read.readId(), read.request());
            } else if (task instanceof ReadAt read) {
                confirmedReads.add(new ConfirmedRead(read.index(), read.query()));
            } else if (task instanceof Decided decided) {
                decided.restore().ifPresent(this::restore);
                apply(decided.committed(), decided.leaderHint());
                confirm(decided.reads());
                abort(decided.abortedReads(), decided.leaderHint());
                serveConfirmedReads();
                if (decided.restore().isPresent() || !decided.committed().isEmpty()) {
                    serveHeldQueries();
                    startDutiesOnceCaughtUp();
                }
            } else if (task instanceof WaitEnded ended) {
                ended.query().hold().end();
                if (held.remove(ended.query())) {
                    answer(ended.query());
                }
            } else if (task instanceof Leadership leadership) {
                changeLeadership(leadership.term());
            } else if (task instanceof Duty duty) {
                if (duty.term() == dutiesTerm) {
                    runDuty(duty.task(), "a scheduled task");
                }
            } else if (task instanceof StaleRead read) {
                staleReads.add(read.query());
            } else if (task instanceof LeaderCommitKnown known) {
                staleReadsFrom = Math.min(staleReadsFrom, known.index());
            } else if (task instanceof TakeSnapshot take) {
                snapshotWaiters.add(take.future());
            } else if (task instanceof SnapshotWritten written) {
                snapshotWriting = false;
                if (written.success()) {
                    lastSnapshot = written.metadata();
                }
            }
        }
        serveConfirmedReads();
        serveStaleReads();
        maybeSnapshot();
    }

    /**
     * The leader's duties start once it has applied its own first entry of the term, so they see every entry
     * committed before the term (§5.4.2: the leader commits its predecessors' entries only by committing its own).
     */
    private void changeLeadership(long term) {
        if (dutiesTerm != null && dutiesTerm.term() != term) {
            dutiesTerm.end();
            dutiesTerm = null;
            runDuty(() -> duties.orElseThrow().leaderStopped(), "leaderStopped");
        }
        leadingTerm = term;
        startDutiesOnceCaughtUp();
    }

    private void startDutiesOnceCaughtUp() {
        if (duties.isEmpty() || leadingTerm == 0 || dutiesTerm != null || appliedTerm != leadingTerm) {
            return;
        }
        LeaderTerm context = leaderTerms.apply(leadingTerm);
        dutiesTerm = context;
        runDuty(() -> duties.get().leaderStarted(context), "leaderStarted");
    }

    /**
     * A failing duty is the leader's own business, not replicated state: it is logged and the member goes on, since
     * stopping the leader over it would only move the same duty to the next one.
     */
    private void runDuty(Runnable duty, String what) {
        try {
            duty.run();
        } catch (RuntimeException e) {
            LOG.error("{}: the state machine's leader duties failed in {}", self, what, e);
        }
    }

    private void serveHeldQueries() {
        if (held.isEmpty()) {
            return;
        }
        List<Query> waiting = List.copyOf(held);
        held.clear();
        waiting.forEach(this::answer);
    }

    private void serveStaleReads() {
        if (appliedIndex >= staleReadsFrom && !staleReads.isEmpty()) {
            staleReads.forEach(this::answer);
            staleReads.clear();
        }
    }

    private void maybeSnapshot() {
        if (snapshotStage == null || snapshotWriting) {
            return;
        }
        boolean due = (policy.entriesBetween() > 0 && entriesSinceSnapshot >= policy.entriesBetween())
                || (policy.bytesBetween() > 0 && bytesSinceSnapshot >= policy.bytesBetween());
        if (!due && snapshotWaiters.isEmpty()) {
            return;
        }
        List<CompletableFuture<SnapshotMetadata>> waiting = List.copyOf(snapshotWaiters);
        snapshotWaiters.clear();
        if (appliedIndex == 0 || (lastSnapshot != null && lastSnapshot.lastIncludedIndex() == appliedIndex)) {
            // Nothing applied since the last snapshot: that one is as new as it gets.
            waiting.forEach(f -> {
                if (lastSnapshot != null) {
                    f.complete(lastSnapshot);
                } else {
                    f.completeExceptionally(new IllegalStateException(self + " has applied nothing to snapshot"));
                }
            });
            return;
        }
        long start = System.nanoTime();
        Snapshot view = stateMachine.snapshot();
        SnapshotMetadata metadata = new SnapshotMetadata(appliedIndex, appliedTerm, members);
        snapshotWriting = true;
        entriesSinceSnapshot = 0;
        bytesSinceSnapshot = 0;
        snapshotStage.submitWrite(new SnapshotStage.Write(metadata, view, waiting, start));
    }

    /** Replaces the state machine's state with a snapshot's; an unreadable snapshot stops the member. */
    private void restore(SnapshotMetadata metadata) {
        try (InputStream in = snapshots.open(metadata)) {
            stateMachine.restore(in);
        } catch (IOException | RuntimeException e) {
            throw new StorageException(self + ": restoring the state machine from the snapshot through index "
                    + metadata.lastIncludedIndex() + " failed: " + e.getMessage(), e);
        }
        appliedIndex = metadata.lastIncludedIndex();
        appliedTerm = metadata.lastIncludedTerm();
        lastSnapshot = metadata;
        entriesSinceSnapshot = 0;
        bytesSinceSnapshot = 0;
        // Anyone still waiting at or below the snapshot's index lost their entry to whatever the snapshot holds.
        NavigableMap<Long, Waiting> settled = proposals.headMap(appliedIndex, true);
        settled.values().forEach(w -> w.future().completeExceptionally(new NotLeaderException(self, Optional.empty())));
        settled.clear();
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
        LogEntry last = entries.get(entries.size() - 1);
        appliedIndex = last.index();
        appliedTerm = last.term();
        entriesSinceSnapshot += entries.size();
        for (LogEntry entry : entries) {
            bytesSinceSnapshot += entry.sizeBytes();
        }
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
            ReadRequest read = unconfirmedReads.remove(state.requestId());
            if (read instanceof Query query) {
                confirmedReads.add(new ConfirmedRead(state.index(), query));
            } else if (read instanceof Barrier barrier) {
                barrier.future().complete(state.index());
            }
        }
    }

    private void abort(List<Long> readIds, Optional<NodeId> leaderHint) {
        for (long id : readIds) {
            ReadRequest read = unconfirmedReads.remove(id);
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

    /**
     * Runs a query, or holds it if it may wait and the state machine does not have its answer yet; its failure fails
     * that read alone, since queries change nothing that replicas share.
     */
    private void answer(Query read) {
        if (read.future().isDone()) {
            return;
        }
        try {
            Optional<byte[]> ready = read.hold().isOver() || blocking.isEmpty() ? Optional.of(stateMachine.query(
                    read.query())) : blocking.get().answerIfReady(read.query());
            if (ready.isPresent()) {
                read.future().complete(ready.get());
            } else {
                held.add(read);
            }
        } catch (RuntimeException e) {
            read.future().completeExceptionally(e);
        }
    }
}
