package io.github.raftkit.api.client;

import io.github.raftkit.api.ReadConsistency;
import io.github.raftkit.api.error.RaftException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A client of one Raft group: it finds the leader from any subset of the members' addresses, follows redirects,
 * retries with capped back-off, and applies each write exactly once however often it has to send it (dissertation
 * §6.3). Reads are linearizable unless asked otherwise (§6.4).
 *
 * <p>Every method is thread-safe. The asynchronous ones never block; their futures complete on the client's own
 * threads and fail with a {@link RaftException}: {@link io.github.raftkit.api.error.RaftTimeoutException} when the
 * request's deadline passed (a write's outcome is then unknown), {@link io.github.raftkit.api.error.OverloadedException}
 * when too many requests are already in flight from this client,
 * {@link io.github.raftkit.api.error.SessionExpiredException}, {@link io.github.raftkit.api.error.ResultUnavailableException},
 * {@link io.github.raftkit.api.error.ShutdownException} once closed, or
 * {@link io.github.raftkit.api.error.RequestRejectedException} for the rest. The synchronous ones wait for the same
 * outcome and throw that exception.
 */
public interface RaftClient extends AutoCloseable {

    /** Submits a command; completes with the state machine's result once it is committed and applied. */
    CompletableFuture<byte[]> submitAsync(byte[] command);

    /** Asks a read-only query with the given freshness. */
    default CompletableFuture<byte[]> queryAsync(byte[] query, ReadConsistency consistency) {
        return queryAsync(query, consistency, Duration.ZERO);
    }

    /**
     * Asks a read-only query that the member may hold for up to {@code maxWait} until the state machine has the
     * answer it waits for ({@link io.github.raftkit.api.statemachine.BlockingQueries}); the answer is pushed the moment
     * it is there. The request's deadline is extended by {@code maxWait}.
     */
    CompletableFuture<byte[]> queryAsync(byte[] query, ReadConsistency consistency, Duration maxWait);

    /** {@link #submitAsync}, waiting for the result. */
    default byte[] submit(byte[] command) {
        return await(submitAsync(command));
    }

    /** A linearizable {@link #queryAsync}, waiting for the result. */
    default byte[] query(byte[] query) {
        return query(query, ReadConsistency.LINEARIZABLE);
    }

    /** {@link #queryAsync}, waiting for the result. */
    default byte[] query(byte[] query, ReadConsistency consistency) {
        return await(queryAsync(query, consistency));
    }

    /** Fails what is still in flight with a shutdown error and releases connections. Idempotent. */
    @Override
    void close();

    private static byte[] await(CompletableFuture<byte[]> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RaftException raft) {
                throw raft;
            }
            throw e;
        }
    }
}
