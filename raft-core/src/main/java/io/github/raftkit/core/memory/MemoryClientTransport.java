package io.github.raftkit.core.memory;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.client.ClientReply;
import io.github.raftkit.api.client.ClientRequest;
import io.github.raftkit.api.error.RaftTimeoutException;
import io.github.raftkit.api.error.ShutdownException;
import io.github.raftkit.api.spi.ClientTransport;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Calls members on the {@link MemoryNetwork}. A member that stopped listening refuses the call at once, as a closed
 * port would; one that never answers is timed out. Thread-safe.
 */
final class MemoryClientTransport implements ClientTransport {
    private final Set<CompletableFuture<ClientReply>> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    @Override
    public CompletableFuture<ClientReply> call(Endpoint to, ClientRequest request, Duration timeout) {
        if (closed) {
            return CompletableFuture.failedFuture(new ShutdownException("memory client transport is closed"));
        }
        CompletableFuture<ClientReply> reply = new CompletableFuture<>();
        inFlight.add(reply);
        reply.whenComplete((r, e) -> inFlight.remove(reply));
        CompletableFuture.delayedExecutor(timeout.toNanos(), TimeUnit.NANOSECONDS).execute(() ->
                reply.completeExceptionally(new RaftTimeoutException("no reply from " + to + " within "
                        + timeout.toMillis() + " ms")));
        MemoryNetwork.call(to, request).whenComplete((answer, error) -> {
            if (error == null) {
                reply.complete(answer);
            } else {
                reply.completeExceptionally(error);
            }
        });
        return reply;
    }

    @Override
    public void close() {
        closed = true;
        ShutdownException cause = new ShutdownException("memory client transport is closed");
        inFlight.forEach(f -> f.completeExceptionally(cause));
    }
}
