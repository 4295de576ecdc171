package io.github.raftkit.core.runtime;

import io.github.raftkit.api.RaftConfig;
import io.github.raftkit.api.ReadConsistency;
import io.github.raftkit.api.Role;
import io.github.raftkit.api.ServerStatus;
import io.github.raftkit.api.error.RaftException;
import io.github.raftkit.api.error.ShutdownException;
import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.client.ClientReply;
import io.github.raftkit.api.client.ClientRequest;
import io.github.raftkit.api.spi.ClientTransport;
import io.github.raftkit.api.spi.SnapshotMetadata;
import io.github.raftkit.api.spi.StorageContext;
import io.github.raftkit.api.spi.Transport;
import io.github.raftkit.api.spi.TransportContext;
import io.github.raftkit.core.engine.EngineConfig;
import io.github.raftkit.core.engine.RaftEngine;
import io.github.raftkit.core.engine.RecoveredState;
import io.github.raftkit.core.session.SessionStateMachine;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started member: its stores, transport, engine loop, storage and apply stages, timer and meters, wired together
 * when it starts and torn down in order when it stops. {@link RaftNode} owns one for its running life.
 *
 * <p>Request methods are called from callers' threads, {@link #stop} from whichever thread stops the member.
 */
final class RunningNode implements ClientService.Member {
    private static final Logger LOG = LoggerFactory.getLogger(RunningNode.class);
    /** The request-timeout sweep runs this many times per timeout, so a request fails at most 10% late. */
    private static final int SWEEPS_PER_TIMEOUT = 10;

    private final NodeSetup setup;
    private final DurableStores stores;
    private final Transport transport;
    private final Optional<ClientTransport> forwarding;
    private final ClientService clients;
    private final PendingRequests pending;
    private final NodeMetrics metrics;
    private final ApplyStage apply;
    private final EngineLoop loop;
    private volatile boolean stopped;

    private RunningNode(NodeSetup setup, DurableStores stores, RecoveredState recovered,
                        Consumer<Throwable> onFailure) {
        RaftConfig config = setup.config();
        this.setup = setup;
        this.stores = stores;
        this.pending = new PendingRequests(setup.member(), config.maxPendingProposals(), config.requestTimeout(),
                setup.clock());
        this.transport = setup.plugins().transport()
                .create(new TransportContext(config.node(), config.membership(), config.properties()));
        this.forwarding = setup.plugins().clientTransport().map(provider -> provider.create(config.properties()));
        this.metrics = new NodeMetrics(setup.registry(), setup, this::status, pending::size);
        this.clients = new ClientService(config.group(), config.node(), config.membership(), this,
                setup.clock()::wallTime, setup.clock()::monotonicTime, metrics);
        // Every command goes through the client sessions, which make retried client writes exactly-once (§6.3).
        SessionStateMachine sessions = new SessionStateMachine(setup.stateMachine(), config.sessions());
        metrics.retries(sessions);
        this.apply = new ApplyStage(config.node(), sessions, setup.stateMachine(), this::leaderTerm, config.snapshots(),
                List.copyOf(config.membership().ids()), setup.threads(), onFailure);
        // Election timeouts must differ between members (§5.2); the engine takes its randomness as a seeded input.
        RaftEngine engine = new RaftEngine(EngineConfig.from(config), recovered, new Random());
        this.loop = new EngineLoop(setup.member(), engine, transport, stores, apply, config.snapshots().chunkBytes(),
                metrics, setup.threads(), onFailure);
        // The newest snapshot is restored before anything runs; the engine resumes from it.
        apply.useSnapshots(stores.snapshots(), loop.snapshots(), recovered.snapshot());
    }

    /**
     * Opens the stores, recovers the log, term and vote from them, and starts every thread. On failure, whatever was
     * opened is closed again and the exception is thrown. {@code onFailure} is told, on the failing thread, when a
     * stage dies later.
     */
    static RunningNode start(NodeSetup setup, Consumer<Throwable> onFailure) {
        RaftConfig config = setup.config();
        DurableStores stores = DurableStores.open(setup.plugins(),
                new StorageContext(config.node(), config.group(), config.dataDir(), config.properties()));
        try {
            RecoveredState recovered = stores.recover(setup.member());
            RunningNode node = new RunningNode(setup, stores, recovered, onFailure);
            try {
                node.startThreads();
            } catch (RuntimeException e) {
                node.stop();
                throw e;
            }
            long base = recovered.snapshot().map(s -> s.lastIncludedIndex()).orElse(0L);
            LOG.info("{}: started with term {}, vote {}, snapshot through index {}, log through index {}, members {}",
                    setup.member(), recovered.state().term(),
                    recovered.state().votedFor().map(Object::toString).orElse("none"), base,
                    base + recovered.log().size(), config.membership().ids());
            return node;
        } catch (RuntimeException e) {
            stores.close();
            throw e;
        }
    }

    private void startThreads() {
        apply.start();
        loop.start();
        transport.start(loop::receive, clients);
        long tick = setup.config().tickInterval().toNanos();
        setup.timer().scheduleAtFixedRate(loop::tick, tick, tick, TimeUnit.NANOSECONDS);
        long sweep = Math.max(tick, setup.config().requestTimeout().toNanos() / SWEEPS_PER_TIMEOUT);
        setup.timer().scheduleAtFixedRate(pending::expire, sweep, sweep, TimeUnit.NANOSECONDS);
    }

    /** The member's side of client traffic, for in-process front ends. */
    ClientService clients() {
        return clients;
    }

    /** Takes a snapshot now; completes once it is written. */
    CompletableFuture<SnapshotMetadata> snapshot() {
        CompletableFuture<SnapshotMetadata> future = new CompletableFuture<>();
        apply.submit(new ApplyStage.TakeSnapshot(future));
        return future;
    }

    private LeaderTerm leaderTerm(long term) {
        return new LeaderTerm(setup.config().node(), term, this::propose, setup.timer(), apply::submit,
                setup.clock()::monotonicTime);
    }

    CompletableFuture<byte[]> propose(byte[] command) {
        return proposeEntry(SessionStateMachine.plainCommand(command), "proposal");
    }

    @Override
    public CompletableFuture<byte[]> proposeEntry(byte[] entry, String what) {
        PendingRequests.Admitted<byte[]> request = pending.admit(what);
        metrics.proposal(request.reply());
        if (!request.refused()) {
            loop.propose(entry, request.work());
        }
        return request.reply();
    }

    @Override
    public CompletableFuture<Long> readBarrier() {
        PendingRequests.Admitted<Long> request = pending.admit("read barrier");
        if (!request.refused()) {
            loop.read(new ApplyStage.Barrier(request.work()), false);
        }
        return request.reply();
    }

    @Override
    public CompletableFuture<byte[]> readAt(long index, byte[] query, Duration maxWait) {
        PendingRequests.Admitted<byte[]> request = pending.admit("follower read at index " + index);
        if (!request.refused()) {
            apply.submit(new ApplyStage.ReadAt(index, heldQuery(query, maxWait, request.work())));
        }
        return request.reply();
    }

    /**
     * A query that the apply stage may hold for up to {@code maxWait}, capped at half the request timeout so that
     * it is answered before the timeout sweep fails it.
     */
    private ApplyStage.Query heldQuery(byte[] query, Duration maxWait, CompletableFuture<byte[]> future) {
        if (maxWait.isZero()) {
            return new ApplyStage.Query(query, future);
        }
        ApplyStage.Query held = new ApplyStage.Query(query, new ApplyStage.Wait(), future);
        long waitNanos = Math.min(maxWait.toNanos(), setup.config().requestTimeout().toNanos() / 2);
        try {
            setup.timer().schedule(() -> apply.submit(new ApplyStage.WaitEnded(held)), waitNanos,
                    TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopping) {
            held.hold().end(); // shutting down: answered (or failed) at once
        }
        return held;
    }

    @Override
    public Optional<CompletableFuture<ClientReply>> forward(Endpoint leader, ClientRequest.Forwarded request) {
        return forwarding.map(link -> {
            PendingRequests.Admitted<ClientReply> slot = pending.admit("request forwarded to " + leader);
            if (!slot.refused()) {
                link.call(leader, request, setup.config().requestTimeout()).whenComplete((reply, error) -> {
                    if (error == null) {
                        slot.work().complete(reply);
                    } else {
                        slot.work().completeExceptionally(error);
                    }
                });
            }
            return slot.reply();
        });
    }

    /** A read: STALE from what is applied, LEASE under the leader's lease if it holds one, else through ReadIndex. */
    @Override
    public CompletableFuture<byte[]> read(byte[] query, ReadConsistency consistency, Duration maxWait) {
        PendingRequests.Admitted<byte[]> request =
                pending.admit(consistency.name().toLowerCase(Locale.ROOT) + " read");
        if (!request.refused()) {
            if (consistency == ReadConsistency.STALE) {
                apply.submit(new ApplyStage.StaleRead(heldQuery(query, maxWait, request.work())));
            } else {
                loop.read(heldQuery(query, maxWait, request.work()), consistency == ReadConsistency.LEASE);
            }
        }
        return request.reply();
    }

    /** The engine's last published state; once stopped, a follower that knows no leader, whatever it was. */
    @Override
    public ServerStatus status() {
        EngineLoop.View view = loop.view();
        boolean live = !stopped;
        return new ServerStatus(setup.config().node(), setup.config().group(),
                live ? view.role() : Role.FOLLOWER, view.term(), live ? view.leader() : Optional.empty(),
                view.commitIndex(), apply.appliedIndex(), view.lastIndex(), setup.config().membership(),
                live ? view.replication() : Map.of());
    }

    /** Refuses new requests and fails pending ones with {@code cause}; the first cause given sticks. */
    void refuse(RaftException cause) {
        pending.failAll(cause);
    }

    /**
     * Stops in an order that leaves nothing half-done: no more ticks or messages in, callers answered, threads
     * ended (each after the batch in hand, so the storage thread never stops mid-write), then stores and meters
     * closed.
     */
    void stop() {
        stopped = true;
        // A tick or sweep already running may finish alongside; both only queue work or fail futures.
        setup.timer().shutdownNow();
        transport.close();
        forwarding.ifPresent(ClientTransport::close);
        refuse(new ShutdownException(setup.member() + " is shutting down"));
        loop.stop();
        apply.stop();
        try {
            loop.join();
            apply.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stores.close();
        metrics.close();
        LOG.info("{}: stopped", setup.member());
    }
}
