package io.github.raftkit.core.client;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.RaftServer;
import io.github.raftkit.api.ReadConsistency;
import io.github.raftkit.api.client.ClientConfig;
import io.github.raftkit.api.client.ClientReply;
import io.github.raftkit.api.client.ClientRequest;
import io.github.raftkit.api.client.RaftClient;
import io.github.raftkit.api.error.OverloadedException;
import io.github.raftkit.api.error.SessionExpiredException;
import io.github.raftkit.api.error.ShutdownException;
import io.github.raftkit.api.spi.ClientTransport;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * The {@link RaftClient} for any {@link ClientTransport}. Writes go through one session, registered on first use:
 * each write gets the next sequence number and keeps it across every retry, so the members apply it once
 * (dissertation §6.3). If the session expired, a write that surely never took effect starts over in a new session;
 * one that may have taken effect fails with {@link SessionExpiredException}, since only the caller can tell whether
 * to repeat it.
 *
 * <p>Thread-safe. One timer thread runs the back-off pauses; replies are handled on the transport's threads.
 */
public final class ClusterClient implements RaftClient {
    private final ClientConfig config;
    private final ClientTransport transport;
    private final ScheduledExecutorService timer;
    private final LeaderTracker leader;
    private final Backoff backoff;
    private final ClientMeters meters;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Set<CompletableFuture<byte[]>> open = ConcurrentHashMap.newKeySet();
    private final AtomicReference<CompletableFuture<ClientSession>> session = new AtomicReference<>();
    private volatile boolean closed;

    /** A client over {@code transport}, which it owns and closes; meters go to {@code registry}. */
    public ClusterClient(ClientConfig config, ClientTransport transport, MeterRegistry registry) {
        this.config = config;
        this.transport = transport;
        this.leader = new LeaderTracker(config.endpoints());
        this.backoff = new Backoff(config.minBackoff(), config.maxBackoff());
        this.meters = new ClientMeters(registry, config.group());
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "raft-client-" + config.group());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A transport that serves calls to {@code self} through {@code server} in this process, others by {@code network}. */
    public static ClientTransport inProcessTransport(RaftServer server, Endpoint self, ClientTransport network) {
        return new InProcessTransport(server, self, network);
    }

    @Override
    public CompletableFuture<byte[]> submitAsync(byte[] command) {
        return admitted("write", Duration.ZERO, deadline -> write(command, deadline));
    }

    @Override
    public CompletableFuture<byte[]> queryAsync(byte[] query, ReadConsistency consistency, Duration maxWait) {
        String type = "read." + consistency.name().toLowerCase(Locale.ROOT);
        ClientRequest.Read read = new ClientRequest.Read(config.group(), consistency, query, maxWait);
        return admitted(type, maxWait, deadline -> new Call(this, type.substring("read.".length()) + " read",
                deadline, maxWait, () -> read).start()
                .thenApply(reply -> ((ClientReply.Result) reply).value()));
    }

    private CompletableFuture<byte[]> write(byte[] command, long deadline) {
        return session(deadline).thenCompose(current -> {
            long sequence = current.nextSequence();
            Call call = new Call(this, "write " + sequence + " of client " + current.clientId(), deadline,
                    Duration.ZERO, () -> new ClientRequest.Write(config.group(), current.clientId(), sequence,
                            current.acknowledgedBelow(sequence), command));
            return call.start().handle((reply, error) -> {
                current.answered(sequence);
                if (error == null) {
                    return CompletableFuture.completedFuture(((ClientReply.Result) reply).value());
                }
                Throwable cause = unwrap(error);
                if (cause instanceof SessionExpiredException && !call.maybeApplied()) {
                    // No attempt can have been applied: the same write in a new session is still the first.
                    renew(current);
                    return write(command, deadline);
                }
                return CompletableFuture.<byte[]>failedFuture(cause);
            }).thenCompose(Function.identity());
        });
    }

    /** The current session, registering one (with the caller's deadline) if there is none or the last failed. */
    private CompletableFuture<ClientSession> session(long deadline) {
        while (true) {
            CompletableFuture<ClientSession> current = session.get();
            if (current != null && !current.isCompletedExceptionally()) {
                return current;
            }
            CompletableFuture<ClientSession> fresh = new CompletableFuture<>();
            if (session.compareAndSet(current, fresh)) {
                new Call(this, "session registration", deadline, Duration.ZERO, () -> new ClientRequest.Register(config.group()))
                        .start()
                        .thenApply(reply -> new ClientSession(((ClientReply.Registered) reply).clientId()))
                        .whenComplete((registered, error) -> {
                            if (error == null) {
                                fresh.complete(registered);
                            } else {
                                fresh.completeExceptionally(unwrap(error));
                            }
                        });
                return fresh;
            }
        }
    }

    private void renew(ClientSession expired) {
        CompletableFuture<ClientSession> current = session.get();
        if (current != null && current.getNow(null) == expired) {
            session.compareAndSet(current, null);
        }
    }

    /**
     * Runs {@code body} with its deadline, the request timeout plus the time the member may hold it, if this client
     * has room for one more request in flight, and meters its outcome.
     */
    private CompletableFuture<byte[]> admitted(String type, Duration held,
                                               LongFunction<CompletableFuture<byte[]>> body) {
        if (closed) {
            return CompletableFuture.failedFuture(new ShutdownException("the client is closed"));
        }
        if (inFlight.incrementAndGet() > config.maxInFlight()) {
            inFlight.decrementAndGet();
            meters.call(type, new OverloadedException(""), 0);
            return CompletableFuture.failedFuture(new OverloadedException("the client has " + config.maxInFlight()
                    + " requests in flight (maxInFlight); wait for some to complete"));
        }
        long start = nanoTime();
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        open.add(result);
        result.whenComplete((value, error) -> {
            open.remove(result);
            inFlight.decrementAndGet();
            meters.call(type, error == null ? null : unwrap(error), nanoTime() - start);
        });
        body.apply(start + config.requestTimeout().toNanos() + held.toNanos()).whenComplete((value, error) -> {
            if (error == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(unwrap(error));
            }
        });
        return result;
    }

    @Override
    public void close() {
        closed = true;
        ShutdownException cause = new ShutdownException("the client was closed");
        open.forEach(request -> request.completeExceptionally(cause));
        transport.close();
        timer.shutdownNow();
        meters.close();
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    ClientConfig config() {
        return config;
    }

    ClientTransport transport() {
        return transport;
    }

    LeaderTracker leader() {
        return leader;
    }

    Backoff backoff() {
        return backoff;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    boolean closed() {
        return closed;
    }

    void retried() {
        meters.retry();
    }

    long nanoTime() {
        return System.nanoTime();
    }
}
