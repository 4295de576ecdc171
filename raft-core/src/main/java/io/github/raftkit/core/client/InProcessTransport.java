package io.github.raftkit.core.client;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.RaftServer;
import io.github.raftkit.api.client.ClientReply;
import io.github.raftkit.api.client.ClientRequest;
import io.github.raftkit.api.error.RaftTimeoutException;
import io.github.raftkit.api.spi.ClientTransport;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A client transport for a front end that runs in a member's own process: calls to the member's own endpoint go
 * straight to {@link RaftServer#handle}, without a socket or any encoding; calls to other members go through
 * {@code network}. Thread-safe.
 */
final class InProcessTransport implements ClientTransport {
    private final RaftServer server;
    private final Endpoint self;
    private final ClientTransport network;

    InProcessTransport(RaftServer server, Endpoint self, ClientTransport network) {
        this.server = server;
        this.self = self;
        this.network = network;
    }

    @Override
    public CompletableFuture<ClientReply> call(Endpoint to, ClientRequest request, Duration timeout) {
        if (!to.equals(self)) {
            return network.call(to, request, timeout);
        }
        // A copy, so that the client's timeout does not complete the member's own future under it.
        return server.handle(request).copy().orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
                .exceptionallyCompose(error -> CompletableFuture.failedFuture(error instanceof TimeoutException
                        ? new RaftTimeoutException("no reply from this member within " + timeout.toMillis() + " ms")
                        : error));
    }

    @Override
    public void close() {
        network.close();
    }
}
