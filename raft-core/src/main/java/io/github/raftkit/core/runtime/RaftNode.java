package io.github.raftkit.core.runtime;

import io.github.raftkit.api.ReadConsistency;
import io.github.raftkit.api.RaftServer;
import io.github.raftkit.api.Role;
import io.github.raftkit.api.ServerStatus;
import io.github.raftkit.api.client.ClientError;
import io.github.raftkit.api.client.ClientReply;
import io.github.raftkit.api.client.ClientRequest;
import io.github.raftkit.api.error.RaftException;
import io.github.raftkit.api.error.ShutdownException;
import io.github.raftkit.api.error.StorageException;
import io.github.raftkit.api.spi.SnapshotMetadata;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One member of one Raft group, running: the {@link RaftServer} that {@code RaftServers} assembles.
 *
 * <p>Inside, one engine loop thread alone drives the {@link io.github.raftkit.core.engine.RaftEngine}; a storage
 * thread writes with group commit; an apply thread feeds the state machine and completes callers' futures. Requests
 * beyond {@code maxPendingProposals} fail at once with an {@link io.github.raftkit.api.error.OverloadedException},
 * and every request fails with a {@link io.github.raftkit.api.error.RaftTimeoutException} after
 * {@code requestTimeout}.
 *
 * <p><b>Threading.</b> Every method is thread-safe and returns without blocking, except that {@link #start} reads
 * the log from storage and {@link #stop} waits for the member's threads to finish the batch in hand (including a
 * state machine call in progress). Futures complete on the member's threads: proposals and reads on the apply
 * thread, refusals on the engine loop, timeouts on the timer. A callback run there must not block, least of all on
 * another of this member's futures (the apply thread would wait for itself): chain with the {@code *Async} methods.
 *
 * <p><b>Failures.</b> A storage failure or an exception from the state machine's {@code apply} stops the member
 * (fail-stop): pending and later requests fail with a {@link StorageException} or {@link ShutdownException} that
 * says why, and the cause is logged. Carrying on could acknowledge a write that is not durable, or let this replica
 * diverge from the others.
 *
 * <p>{@link ReadConsistency#LEASE} reads are served like {@link ReadConsistency#LINEARIZABLE} ones for now (a
 * ReadIndex round through the leader): stronger than asked, and independent of clock drift.
 */
public final class RaftNode implements RaftServer {
    private static final Logger LOG = LoggerFactory.getLogger(RaftNode.class);

    private enum Lifecycle { NEW, RUNNING, STOPPED }

    private final NodeSetup setup;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private Lifecycle lifecycle = Lifecycle.NEW; // guarded by this
    private volatile RunningNode running;

    /** A member that starts when {@link #start} is called. */
    public RaftNode(NodeSetup setup) {
        this.setup = Objects.requireNonNull(setup, "setup");
    }

    /** Opens storage, recovers and starts the member's threads, on the calling thread. A member starts once. */
    @Override
    public synchronized CompletableFuture<Void> start() {
        if (lifecycle != Lifecycle.NEW) {
            return CompletableFuture.failedFuture(new IllegalStateException(setup.member() + " was already started"
                    + (lifecycle == Lifecycle.STOPPED ? " and stopped; build a new server to restart it" : "")));
        }
        try {
            running = RunningNode.start(setup, this::failStop);
            lifecycle = Lifecycle.RUNNING;
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            LOG.error("{}: failed to start", setup.member(), e);
            lifecycle = Lifecycle.STOPPED;
            setup.timer().shutdownNow();
            stopped.complete(null);
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Stops the member on the calling thread; a second call returns the first one's future. */
    @Override
    public CompletableFuture<Void> stop() {
        RunningNode node;
        synchronized (this) {
            if (lifecycle == Lifecycle.STOPPED) {
                return stopped;
            }
            node = lifecycle == Lifecycle.RUNNING ? running : null;
            lifecycle = Lifecycle.STOPPED;
        }
        // The work is done outside the lock: a caller's callback run by stop() may call stop() again.
        try {
            if (node != null) {
                node.stop();
            } else {
                setup.timer().shutdownNow();
            }
            stopped.complete(null);
        } catch (RuntimeException e) {
            stopped.completeExceptionally(e);
        }
        return stopped;
    }

    @Override
    public CompletableFuture<SnapshotMetadata> snapshot() {
        RunningNode node = running;
        return node == null ? notRunning() : node.snapshot();
    }

    @Override
    public CompletableFuture<byte[]> propose(byte[] command) {
        Objects.requireNonNull(command, "command");
        RunningNode node = running;
        return node == null ? notRunning() : node.propose(command);
    }

    @Override
    public CompletableFuture<byte[]> read(byte[] query, ReadConsistency consistency) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(consistency, "consistency");
        RunningNode node = running;
        return node == null ? notRunning() : node.read(query, consistency, Duration.ZERO);
    }

    @Override
    public CompletableFuture<ClientReply> handle(ClientRequest request) {
        RunningNode node = running;
        return node != null ? node.clients().handle(request) : CompletableFuture.completedFuture(
                new ClientReply.Rejected(ClientError.SHUTDOWN, setup.member() + " is not running", Optional.empty()));
    }

    @Override
    public ServerStatus status() {
        RunningNode node = running;
        return node != null ? node.status() : new ServerStatus(setup.config().node(), setup.config().group(),
                Role.FOLLOWER, 0, Optional.empty(), 0, 0, 0, setup.config().membership(), Map.of());
    }

    private <T> CompletableFuture<T> notRunning() {
        return CompletableFuture.failedFuture(new ShutdownException(setup.member() + " is not running"));
    }

    /** A stage died: fail-stop. Called on the dying stage's thread, which stop() therefore does not wait for. */
    private void failStop(Throwable cause) {
        RaftException forCallers = cause instanceof StorageException storage
                ? storage
                : new ShutdownException(setup.member() + " stopped after a failure: " + cause.getMessage());
        LOG.error("{}: failing stop, refusing all requests: {}", setup.member(), cause.getMessage(), cause);
        RunningNode node = running; // null only if a stage dies while start() is still wiring the member
        if (node != null) {
            node.refuse(forCallers);
        }
        stop();
    }

    @Override
    public String toString() {
        return "RaftNode[" + setup.member() + "]";
    }
}
