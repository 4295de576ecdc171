package io.github.raftkit.core.runtime;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.Role;
import io.github.raftkit.api.error.NotLeaderException;
import io.github.raftkit.api.message.RaftMessage;
import io.github.raftkit.api.spi.Transport;
import io.github.raftkit.core.engine.ProposalOutcome;
import io.github.raftkit.core.engine.RaftEngine;
import io.github.raftkit.core.engine.Ready;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Drives one group's {@link RaftEngine} on one thread, the engine loop, which is the only thread that touches the
 * engine. Inputs arrive as {@link LoopEvent}s on its queue; after each batch of them the loop takes the engine's
 * {@link Ready} and carries it out as the Ready contract says: messages to the transport at once, writes to the
 * {@link StorageStage} (whose report brings back the messages that waited for them), committed entries and read
 * decisions to the {@link ApplyStage}.
 *
 * <p>The queue is bounded by its producers: messages from peers beyond {@link #INBOUND_CAPACITY} are dropped and
 * counted (Raft tolerates loss; a flood must not exhaust memory), ticks coalesce to one, requests are capped by
 * {@link PendingRequests}, and the storage stage reports once per fsync round. Submitting never blocks.
 */
final class EngineLoop {
    /** The most messages from peers waiting for the loop. */
    static final int INBOUND_CAPACITY = 4_096;
    /** The most events handled before the engine's effects are carried out, to keep latency bounded under load. */
    private static final int MAX_BATCH = 8_192;

    /** What other threads may know of the engine, published after each batch. */
    record View(Role role, long term, Optional<NodeId> leader, long commitIndex, long lastIndex,
                Map<NodeId, Long> replication) {
    }

    private final RaftEngine engine;
    private final Transport transport;
    private final StorageStage storage;
    private final ApplyStage apply;
    private final NodeMetrics metrics;
    private final StateChangeLog changes;
    private final BatchWorker<LoopEvent> worker;
    private final SnapshotStage snapshots;
    private boolean leaderCommitKnown;
    private long leadingTerm;
    private final AtomicInteger inboundQueued = new AtomicInteger();
    private final AtomicBoolean tickQueued = new AtomicBoolean();
    private int writesInStorage;
    private long nextReadId;
    private volatile View view;

    EngineLoop(String member, RaftEngine engine, Transport transport, DurableStores stores, ApplyStage apply,
               int chunkBytes, NodeMetrics metrics, ThreadFactory threads, Consumer<Throwable> onFailure) {
        this.engine = engine;
        this.transport = transport;
        this.apply = apply;
        this.metrics = metrics;
        this.changes = new StateChangeLog(member, metrics, engine.role(), engine.term(), engine.leader());
        this.worker = new BatchWorker<>("loop", threads, MAX_BATCH, this::handle, onFailure);
        this.snapshots = new SnapshotStage(member, engine.config().group(), engine.self(), stores.snapshots(),
                transport, chunkBytes, metrics, worker::submit, apply::submit, threads, onFailure);
        this.storage = new StorageStage(member, stores, metrics, worker::submit, snapshots::received, threads,
                onFailure);
        publish();
    }

    /** Starts the loop and its storage stage. */
    void start() {
        storage.start();
        snapshots.start();
        worker.start();
    }

    /** The stage that writes and sends snapshots. */
    SnapshotStage snapshots() {
        return snapshots;
    }

    /** Asks the loop and its storage and snapshot stages to end; returns at once. */
    void stop() {
        worker.stop();
        storage.stop();
        snapshots.stop();
    }

    void join() throws InterruptedException {
        worker.join();
        storage.join();
        snapshots.join();
    }

    /** The engine's state as of the last batch; readable from any thread. */
    View view() {
        return view;
    }

    /** Takes a message from a peer; called from transport threads. */
    void receive(RaftMessage message) {
        if (inboundQueued.incrementAndGet() > INBOUND_CAPACITY) {
            inboundQueued.decrementAndGet();
            metrics.droppedMessage();
            return;
        }
        worker.submit(new LoopEvent.Inbound(message));
    }

    /** A tick of logical time; called from the timer. A tick still queued absorbs this one, so time never bunches. */
    void tick() {
        if (tickQueued.compareAndSet(false, true)) {
            worker.submit(new LoopEvent.Tick());
        }
    }

    /** Queues a proposal; called from callers' threads after admission. */
    void propose(byte[] command, CompletableFuture<byte[]> future) {
        worker.submit(new LoopEvent.Proposal(command, future));
    }

    /** Queues a read or barrier, confirmed by ReadIndex or by lease; called from callers' threads after admission. */
    void read(ApplyStage.ReadRequest request, boolean lease) {
        worker.submit(new LoopEvent.Read(request, lease));
    }

    private void handle(List<LoopEvent> events) {
        List<LoopEvent.Proposal> proposals = new ArrayList<>();
        for (LoopEvent event : events) {
            if (event instanceof LoopEvent.Inbound inbound) {
                inboundQueued.decrementAndGet();
                engine.step(inbound.message());
            } else if (event instanceof LoopEvent.Tick) {
                tickQueued.set(false);
                engine.tick();
            } else if (event instanceof LoopEvent.Proposal proposal) {
                proposals.add(proposal);
            } else if (event instanceof LoopEvent.Read read) {
                readIndex(read);
            } else if (event instanceof LoopEvent.Persisted persisted) {
                persisted(persisted);
            } else if (event instanceof LoopEvent.SnapshotTaken taken) {
                engine.snapshotTaken(taken.metadata());
            } else if (event instanceof LoopEvent.SnapshotUnreadable unreadable) {
                engine.snapshotUnreadable(unreadable.follower());
            }
        }
        if (!proposals.isEmpty()) {
            propose(proposals);
        }
        while (engine.hasReady()) {
            carryOut(engine.ready());
        }
        publish();
    }

    /** Proposes every command queued since the last batch in one call, so they share appends and an fsync. */
    private void propose(List<LoopEvent.Proposal> proposals) {
        // A request that timed out while queued is not proposed: its caller was already told it failed.
        proposals.removeIf(proposal -> proposal.future().isDone());
        if (proposals.isEmpty()) {
            return;
        }
        List<byte[]> commands = new ArrayList<>(proposals.size());
        List<CompletableFuture<byte[]>> futures = new ArrayList<>(proposals.size());
        for (LoopEvent.Proposal proposal : proposals) {
            commands.add(proposal.command());
            futures.add(proposal.future());
        }
        ProposalOutcome outcome = engine.propose(commands);
        if (outcome instanceof ProposalOutcome.Accepted accepted) {
            apply.submit(new ApplyStage.AwaitProposals(accepted.firstIndex(), accepted.term(), futures));
        } else if (outcome instanceof ProposalOutcome.NotLeader notLeader) {
            NotLeaderException refusal = new NotLeaderException(engine.self(), notLeader.leaderHint());
            futures.forEach(future -> future.completeExceptionally(refusal));
        }
    }

    private void readIndex(LoopEvent.Read read) {
        long id = ++nextReadId;
        if (read.lease() ? engine.leaseRead(id) : engine.readIndex(id)) {
            metrics.readIndexRound();
            apply.submit(new ApplyStage.AwaitRead(id, read.request()));
        } else {
            read.request().future().completeExceptionally(new NotLeaderException(engine.self(), leaderHint()));
        }
    }

    private void persisted(LoopEvent.Persisted persisted) {
        writesInStorage -= persisted.tasks();
        if (persisted.lastIndex() > 0) {
            engine.persisted(persisted.lastIndex(), persisted.lastTerm());
        }
        persisted.messages().forEach(transport::send);
        persisted.installed().ifPresent(installed -> {
            if (installed.verified()) {
                engine.snapshotInstalled(installed.metadata());
            } else {
                engine.snapshotInstallFailed(installed.metadata());
            }
        });
    }

    private void carryOut(Ready ready) {
        ready.messages().forEach(transport::send);
        ready.snapshotSends().forEach(snapshots::submitSend);
        // Messages after persistence wait for this Ready's writes and every earlier one's: they go through storage
        // in order, unless there is nothing to write and nothing still being written.
        if (ready.needsPersist() || (writesInStorage > 0 && !ready.messagesAfterPersist().isEmpty())) {
            storage.submit(new StorageStage.Task(ready.snapshotChunks(), ready.compaction(), ready.state(),
                    ready.entries(), ready.messagesAfterPersist()));
            writesInStorage++;
        } else {
            ready.messagesAfterPersist().forEach(transport::send);
        }
        if (!ready.committed().isEmpty() || !ready.reads().isEmpty() || !ready.abortedReads().isEmpty()
                || ready.restore().isPresent()) {
            apply.submit(new ApplyStage.Decided(ready.restore(), ready.committed(), ready.reads(),
                    ready.abortedReads(), leaderHint()));
        }
    }

    /** The leader to send callers to: never this member, which is refusing them. */
    private Optional<NodeId> leaderHint() {
        return engine.leader().filter(leader -> !leader.equals(engine.self()));
    }

    /** Tells the apply stage when this member starts or stops leading a term, for the state machine's duties. */
    private void noteLeadership() {
        long leading = engine.role() == Role.LEADER ? engine.term() : 0;
        if (leading != leadingTerm) {
            leadingTerm = leading;
            apply.submit(new ApplyStage.Leadership(leading));
        }
    }

    /**
     * Once this member knows a commit index from a current leader (a follower the one its leader advertised; a leader
     * its own, once it committed in its term), stale reads may be served when it has applied that far.
     */
    private void noteLeaderCommit() {
        if (leaderCommitKnown || engine.leader().isEmpty()) {
            return;
        }
        boolean leading = engine.leader().get().equals(engine.self());
        if (leading && engine.logTerm(engine.commitIndex()) != engine.term()) {
            return;
        }
        if (!leading && engine.leaderCommitHeard() == 0 && engine.commitIndex() == 0) {
            return; // told of a leader (a vote request, a chunk) but no commit index yet
        }
        leaderCommitKnown = true;
        apply.submit(new ApplyStage.LeaderCommitKnown(leading ? engine.commitIndex()
                : Math.max(engine.commitIndex(), engine.leaderCommitHeard())));
    }

    private void publish() {
        noteLeaderCommit();
        noteLeadership();
        view = new View(engine.role(), engine.term(), engine.leader(), engine.commitIndex(), engine.lastIndex(),
                engine.replication());
        changes.observe(engine.role(), engine.term(), engine.leader());
        metrics.anomalies(engine);
    }
}
