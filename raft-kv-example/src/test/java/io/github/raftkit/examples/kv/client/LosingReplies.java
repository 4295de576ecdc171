package io.github.raftkit.examples.kv.client;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.client.ClientReply;
import io.github.raftkit.api.client.ClientRequest;
import io.github.raftkit.api.error.RaftTimeoutException;
import io.github.raftkit.api.spi.ClientTransport;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivers every request but drops the reply to every other write, as a connection lost after the member answered:
 * the client has to send again a write that was already applied.
 */
final class LosingReplies implements ClientTransport {
    private final ClientTransport delegate;
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    LosingReplies(ClientTransport delegate) {
        this.delegate = delegate;
    }

    @Override
    public CompletableFuture<ClientReply> call(Endpoint to, ClientRequest request, Duration timeout) {
        CompletableFuture<ClientReply> reply = delegate.call(to, request, timeout);
        if (request instanceof ClientRequest.Write && writes.incrementAndGet() % 2 == 0) {
            return reply.thenCompose(answered -> {
                dropped.incrementAndGet();
                return CompletableFuture.failedFuture(new RaftTimeoutException("reply from " + to + " dropped"));
            });
        }
        return reply;
    }

    long dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
