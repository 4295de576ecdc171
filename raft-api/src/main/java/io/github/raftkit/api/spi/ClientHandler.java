package io.github.raftkit.api.spi;

import io.github.raftkit.api.client.ClientError;
import io.github.raftkit.api.client.ClientReply;
import io.github.raftkit.api.client.ClientRequest;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The member's side of client traffic, handed to {@link Transport#start}. A transport that carries client requests
 * passes each one here and sends the reply back to whoever asked.
 *
 * <p><b>Threading.</b> Called from the transport's threads, possibly several at a time; it never blocks. The future
 * always completes, with a {@link ClientReply.Rejected} rather than exceptionally, by the member's request timeout at
 * the latest.
 */
@FunctionalInterface
public interface ClientHandler {

    /** Serves one request. */
    CompletableFuture<ClientReply> handle(ClientRequest request);

    /** A handler for a transport that serves no clients: it rejects every request as for an unknown group. */
    static ClientHandler refusingAll(String reason) {
        CompletableFuture<ClientReply> refusal = CompletableFuture.completedFuture(
                new ClientReply.Rejected(ClientError.UNKNOWN_GROUP, reason, Optional.empty()));
        return request -> refusal;
    }
}
