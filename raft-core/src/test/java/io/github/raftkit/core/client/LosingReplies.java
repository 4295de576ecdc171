package io.github.raftkit.core.client;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.client.ClientReply;
import io.github.raftkit.api.client.ClientRequest;
import io.github.raftkit.api.error.RaftTimeoutException;
import io.github.raftkit.api.spi.ClientTransport;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client transport that delivers every request but loses the reply to every {@code n}-th write, as a dropped
 * connection would after the member answered: the client must retry a write that was already applied.
 */
final class LosingReplies implements ClientTransport {
    private final ClientTransport delegate;
    private final int every;
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();

    LosingReplies(ClientTransport delegate, int every) {
        this.delegate = delegate;
        this.every = every;
    }

    @Override
    public CompletableFuture<ClientReply> call(Endpoint to, ClientRequest request, Duration timeout) {
        CompletableFuture<ClientReply> reply = delegate.call(to, request, timeout);
        if (!(request instanceof ClientRequest.Write) || writes.incrementAndGet() % every != 0) {
            return reply;
        }
        return reply.thenCompose(answer -> {
            lost.incrementAndGet();
            return CompletableFuture.failedFuture(new RaftTimeoutException("reply from " + to + " lost on purpose"));
        });
    }

    /** Replies lost so far. */
    long lost() {
        return lost.get();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
