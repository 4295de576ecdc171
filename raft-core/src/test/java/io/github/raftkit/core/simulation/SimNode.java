package io.github.raftkit.core.simulation;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.Role;
import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.api.message.InstallSnapshot;
import io.github.raftkit.api.message.RaftMessage;
import io.github.raftkit.api.error.NotLeaderException;
import io.github.raftkit.api.spi.SnapshotMetadata;
import io.github.raftkit.api.statemachine.StateMachine;
import io.github.raftkit.core.engine.EngineConfig;
import io.github.raftkit.core.engine.ProposalOutcome;
import io.github.raftkit.core.engine.RaftEngine;
import io.github.raftkit.core.engine.ReadState;
import io.github.raftkit.core.engine.Ready;
import io.github.raftkit.core.engine.RecoveredState;
import io.github.raftkit.core.engine.snapshot.SnapshotSend;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * One simulated member: an engine, the storage under it and the application's state machine over it, driven the way
 * the runtime will drive it. After every input it takes the engine's Ready and carries it out by the contract:
 * messages go out at once, state and entries go to storage, messages that promise them wait until that write (and
 * every earlier one) is durable, committed entries are applied in order. Every {@code entriesBetween} applied entries
 * it snapshots its state machine (the write takes a while, and a crash meanwhile loses it), and it reads and writes
 * snapshot chunks as the engine asks. Once the engine has nothing more to hand over, it starts or stops the state
 * machine's {@link io.github.raftkit.api.statemachine.LeaderDuties} as leadership changed.
 */
final class SimNode implements NodeView, SimMember {
    private static final int MAX_READIES_PER_INPUT = 10_000;
    private final int position;
    private final EngineConfig config;
    private final SimulatedStorage storage;
    private final Network network;
    private final EventQueue events;
    private final Random random;
    private final SimulationSetup setup;
    private final ClientListener clients;
    private final long clockOrigin;
    private final SimulationConfig.SnapshotShape snapshots;
    private final SnapshotHistory history;
    private final SimulationStats stats;
    private boolean snapshotWriting;
    private boolean draining;

    private RaftEngine engine;
    private long incarnation;
    private LogMirror log = new LogMirror();
    private StateMachineChain stateMachine;
    private InflightProposals proposals;
    private LeaderDutiesDriver duties;

    /** {@code clockOrigin}: where the member's monotonic clock starts, so that no two members' clocks agree. */
    SimNode(int position, EngineConfig config, SimulationConfig.StorageFaults storageFaults,
            SimulationConfig.SnapshotShape snapshots, Network network, EventQueue events, Random random,
            SimulationSetup setup, DurableMedium medium, ClientListener clients, SnapshotHistory history,
            SimulationStats stats, long clockOrigin) {
        this.position = position;
        this.config = config;
        this.storage = new SimulatedStorage(storageFaults, medium);
        this.network = network;
        this.events = events;
        this.random = random;
        this.setup = setup;
        this.clients = clients;
        this.clockOrigin = clockOrigin;
        this.snapshots = snapshots;
        this.history = history;
        this.stats = stats;
    }

    @Override
    public int position() {
        return position;
    }

    /** Starts (or restarts) from what storage holds, with a fresh engine, log view and state machine. */
    void start() {
        RecoveredState recovered = setup.recovery().apply(storage.recover(history));
        engine = setup.engines().create(config, recovered, new Random(random.nextLong()));
        StateMachine application = setup.application().newStateMachine(id());
        stateMachine = new StateMachineChain(id(), application);
        proposals = new InflightProposals(id());
        duties = new LeaderDutiesDriver(application, this, events, clockOrigin);
        snapshotWriting = false;
        log = new LogMirror();
        recovered.snapshot().ifPresent(snapshot -> {
            log.resetTo(history.prefix(snapshot.lastIncludedIndex(), snapshot.lastIncludedTerm()));
            stateMachine.restore(storage.snapshot().orElseThrow().bytes());
        });
        log.replaceFrom(recovered.log());
        events.after(1 + random.nextInt(Simulation.MILLIS_PER_TICK), new SimEvent.Tick(position, incarnation));
    }

    /**
     * Power loss: the engine and everything not yet durable are gone, and the state machine's leader duties go quiet
     * untold while their pending proposals fail. Returns whether a write was torn.
     */
    boolean crash() {
        engine = null;
        incarnation++;
        duties.crash();
        proposals.failLeaderProposals(Optional.empty());
        return storage.crash(random);
    }

    void tick(long tickIncarnation) {
        if (up() && tickIncarnation == incarnation) {
            engine.tick();
            drain();
            events.after(Simulation.MILLIS_PER_TICK, new SimEvent.Tick(position, incarnation));
        }
    }

    void deliver(RaftMessage message) {
        if (up()) {
            engine.step(message);
            drain();
        }
    }

    void storageDone(long writeIncarnation) {
        if (!up() || writeIncarnation != incarnation) {
            return;
        }
        SimulatedStorage.PendingWrite write = storage.peekNext();
        Optional<SimulatedStorage.Installation> installed = storage.completeNext(write, history);
        if (!write.entries().isEmpty()) {
            LogEntry last = write.entries().get(write.entries().size() - 1);
            engine.persisted(last.index(), last.term());
        }
        write.afterPersist().forEach(network::send);
        installed.ifPresent(installation -> {
            if (installation.verified()) {
                engine.snapshotInstalled(installation.metadata());
            } else {
                engine.snapshotInstallFailed(installation.metadata());
            }
        });
        drain();
    }

    /** The snapshot write that started when the state machine reached {@code written}'s index is durable. */
    void snapshotWritten(SimEvent.SnapshotWritten written) {
        if (!up() || written.incarnation() != incarnation) {
            return; // a crash while taking it lost it
        }
        snapshotWriting = false;
        SnapshotMetadata metadata = written.metadata();
        storage.save(new SimulatedStorage.StoredSnapshot(metadata, SnapshotBytes.write(written.state())));
        if (engine.snapshotTaken(metadata)) {
            stats.snapshotsTaken++;
        }
        drain();
    }

    private void maybeSnapshot(LogEntry applied) {
        long newest = Math.max(storage.snapshot().map(s -> s.metadata().lastIncludedIndex()).orElse(0L),
                engine.latestSnapshot().map(SnapshotMetadata::lastIncludedIndex).orElse(0L));
        if (snapshots.entriesBetween() == 0 || snapshotWriting
                || applied.index() - newest < snapshots.entriesBetween()) {
            return;
        }
        // Taking the view is cheap; writing it takes a while, and applying goes on meanwhile.
        snapshotWriting = true;
        history.record(applied.index(), applied.term(), log);
        SnapshotMetadata metadata = new SnapshotMetadata(applied.index(), applied.term(), config.members());
        int latency = snapshots.minTakeMillis()
                + random.nextInt(snapshots.maxTakeMillis() - snapshots.minTakeMillis() + 1);
        events.after(latency, new SimEvent.SnapshotWritten(position, incarnation, metadata,
                stateMachine.snapshot()));
    }

    private void sendChunk(SnapshotSend send) {
        Optional<SimulatedStorage.StoredSnapshot> stored = storage.snapshot()
                .filter(s -> s.metadata().equals(send.snapshot()));
        if (stored.isEmpty()) {
            engine.snapshotUnreadable(send.to()); // a newer snapshot replaced it
            return;
        }
        byte[] bytes = stored.get().bytes();
        int from = (int) Math.min(send.offset(), bytes.length);
        int to = Math.min(bytes.length, from + snapshots.chunkBytes());
        boolean done = to == bytes.length;
        stats.snapshotChunks++;
        network.send(new InstallSnapshot(config.group(), config.self(), send.to(), send.term(), send.snapshot(),
                from, Arrays.copyOfRange(bytes, from, to), done, done ? SnapshotBytes.crc(bytes) : 0));
    }

    @Override
    public ProposalOutcome propose(List<byte[]> commands) {
        ProposalOutcome outcome = submit(commands, null);
        drain();
        return outcome;
    }

    /** A leader duty's proposal: the future completes once this member applies it, or fails if it cannot. */
    CompletableFuture<byte[]> proposeAsLeader(byte[] command) {
        CompletableFuture<byte[]> future = new CompletableFuture<>();
        if (submit(List.of(command), future) instanceof ProposalOutcome.NotLeader refused) {
            future.completeExceptionally(new NotLeaderException(id(), refused.leaderHint()));
        }
        drain();
        return future;
    }

    private ProposalOutcome submit(List<byte[]> commands, CompletableFuture<byte[]> future) {
        boolean leading = engine.role() == Role.LEADER;
        ProposalOutcome outcome = engine.propose(commands);
        if (outcome instanceof ProposalOutcome.Accepted accepted) {
            stats.proposalsAccepted += commands.size();
            if (!leading || accepted.lastIndex() - accepted.firstIndex() + 1 != commands.size()) {
                throw new InvariantViolation(Invariant.ENGINE_CONTRACT, List.of(id()), "a " + (leading
                        ? "leader" : "non-leader") + " accepted " + commands.size() + " commands as " + accepted);
            }
            proposals.accepted(accepted, commands, future);
        } else {
            stats.proposalsRefused += commands.size();
        }
        return outcome;
    }

    /** A task a leader duty scheduled, run on this member like the apply thread runs it. */
    void runLeaderTask(Runnable task) {
        task.run();
        drain();
    }

    @Override
    public boolean readIndex(long requestId) {
        boolean accepted = engine.readIndex(requestId);
        drain();
        return accepted;
    }

    @Override
    public boolean leaseRead(long requestId) {
        boolean accepted = engine.leaseRead(requestId);
        drain();
        return accepted;
    }

    @Override
    public void campaign() {
        engine.campaign();
        drain();
    }

    @Override
    public boolean transferLeadership(NodeId target) {
        boolean accepted = engine.transferLeadership(target);
        drain();
        return accepted;
    }

    /**
     * Carries out the engine's Readys until it has none, settling leader duties' proposals after each, then starts or
     * stops leader duties, which may propose and so make more. A request made meanwhile (by a listener, a duty, a
     * future's callback) only reaches the engine: this drain, already under way, carries its output out.
     */
    private void drain() {
        if (draining) {
            return;
        }
        draining = true;
        try {
            drainReadies();
        } finally {
            draining = false;
        }
    }

    private void drainReadies() {
        int readies = 0;
        do {
            // One input never needs this many Readys; more means the engine and its caller feed each other forever,
            // which must fail with a seed rather than hang the sweep.
            for (; engine.hasReady(); readies++) {
                if (readies == MAX_READIES_PER_INPUT) {
                    throw new InvariantViolation(Invariant.LIVENESS, List.of(id()), "the engine still has work after "
                            + MAX_READIES_PER_INPUT + " Readys for one input: a livelock");
                }
                carryOut(engine.ready());
                proposals.settle();
            }
            duties.afterDrain(proposals);
        } while (engine.hasReady());
        if (engine.lastIndex() != log.lastIndex() || engine.lastTerm() != log.term(log.lastIndex())) {
            throw new InvariantViolation(Invariant.ENGINE_CONTRACT, List.of(id()), "the engine's log ends at "
                    + engine.lastIndex() + " but its Readys describe a log ending at " + log.lastIndex()
                    + "@" + log.term(log.lastIndex()));
        }
    }

    private void carryOut(Ready ready) {
        ready.messages().forEach(network::send);
        ready.snapshotSends().forEach(this::sendChunk);
        if (ready.compaction().filter(c -> c.discardLog()).isPresent()) {
            // An installed snapshot replaced a log that did not follow it.
            SnapshotMetadata installed = ready.restore().orElseThrow();
            log.resetTo(history.prefix(installed.lastIncludedIndex(), installed.lastIncludedTerm()));
        }
        if (!ready.entries().isEmpty()) {
            long first = ready.entries().get(0).index();
            if (first > log.lastIndex() + 1) {
                throw new InvariantViolation(Invariant.ENGINE_CONTRACT, List.of(id()), "Ready entries start at "
                        + first + ", leaving a gap after " + log.lastIndex());
            }
            log.replaceFrom(ready.entries());
        }
        if (ready.needsPersist() || (!ready.messagesAfterPersist().isEmpty() && !storage.idle())) {
            long durableAt = storage.submit(new SimulatedStorage.PendingWrite(ready.snapshotChunks(),
                    ready.compaction(), ready.state(), ready.entries(), ready.messagesAfterPersist()), events.now(),
                    random);
            events.after(durableAt - events.now(), new SimEvent.StorageDone(position, incarnation));
        } else {
            ready.messagesAfterPersist().forEach(network::send);
        }
        ready.restore().ifPresent(snapshot -> {
            stateMachine.restore(storage.snapshot().filter(s -> s.metadata().equals(snapshot)).orElseThrow().bytes());
            stats.snapshotsInstalled++;
        });
        for (LogEntry entry : ready.committed()) {
            LogView durable = storage.durableLog();
            if (entry.index() > durable.lastIndex()
                    || LogMirror.chain(stateMachine.hash(), entry) != durable.prefixHash(entry.index())) {
                throw new InvariantViolation(Invariant.ENGINE_CONTRACT, List.of(id()),
                        "handed " + entry + " to apply, but it is not durable here (durable log ends at "
                                + durable.lastIndex() + ")");
            }
            byte[] result = stateMachine.apply(entry);
            boolean acknowledged = proposals.applied(entry, result, engine.leader());
            if (acknowledged) {
                stats.writesAcknowledged++;
            }
            clients.applied(this, entry, result, acknowledged);
            maybeSnapshot(entry);
        }
        for (ReadState read : ready.reads()) {
            stats.readsConfirmed++;
            clients.readConfirmed(this, read);
        }
        for (long requestId : ready.abortedReads()) {
            clients.readAborted(this, requestId);
        }
    }

    // ---- NodeView and SimMember ----

    @Override
    public NodeId id() {
        return config.self();
    }

    @Override
    public long incarnation() {
        return incarnation;
    }

    @Override
    public boolean up() {
        return engine != null;
    }

    @Override
    public Role role() {
        return engine.role();
    }

    @Override
    public long term() {
        return engine.term();
    }

    @Override
    public Optional<NodeId> leader() {
        return engine.leader();
    }

    @Override
    public long commitIndex() {
        return engine.commitIndex();
    }

    @Override
    public LogView log() {
        return log;
    }

    @Override
    public long takeLogChangedFrom() {
        return log.takeChangedFrom();
    }

    @Override
    public LogView durableLog() {
        return storage.durableLog();
    }

    @Override
    public long appliedIndex() {
        return stateMachine.appliedIndex();
    }

    @Override
    public long appliedHash() {
        return stateMachine.hash();
    }

    /** The term of the last entry applied: a leader that has applied an entry of its own term is up to date. */
    long appliedTerm() {
        return log.term(stateMachine.appliedIndex());
    }

    @Override
    public StateMachine stateMachine() {
        return stateMachine.application();
    }

    /** One line for failure reports. */
    String describe() {
        if (!up()) {
            return id() + " down, durable term=" + storage.state().term() + " vote="
                    + storage.state().votedFor().map(NodeId::toString).orElse("-") + " durableLog="
                    + storage.durableLog().lastIndex();
        }
        return id() + " " + engine.role() + " term=" + engine.term() + " vote="
                + engine.votedFor().map(NodeId::toString).orElse("-") + " leader="
                + engine.leader().map(NodeId::toString).orElse("-") + " last=" + log.lastIndex() + "@"
                + log.term(log.lastIndex()) + " durable=" + storage.durableLog().lastIndex() + " commit="
                + engine.commitIndex() + " applied=" + stateMachine.appliedIndex() + " followers="
                + engine.followers();
    }
}
