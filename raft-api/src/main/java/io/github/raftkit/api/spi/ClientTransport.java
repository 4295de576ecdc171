package io.github.raftkit.api.spi;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.client.ClientReply;
import io.github.raftkit.api.client.ClientRequest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Carries client requests to members and their replies back: used by {@link io.github.raftkit.api.client.RaftClient}
 * and by followers that forward requests to the leader.
 *
 * <p><b>Threading.</b> {@link #call} is thread-safe and returns at once. Its future completes on the transport's
 * threads: with the member's reply, or exceptionally with a
 * {@link io.github.raftkit.api.error.RaftTimeoutException} once {@code timeout} passes without one, or with a
 * {@link java.io.IOException} naming the endpoint when the member cannot be reached. A transport keeps nothing for a
 * call after its future completed.
 */
public interface ClientTransport extends AutoCloseable {

    /** Sends {@code request} to the member listening at {@code to}. */
    CompletableFuture<ClientReply> call(Endpoint to, ClientRequest request, Duration timeout);

    /** Fails calls in flight and closes connections. Idempotent. */
    @Override
    void close();
}
