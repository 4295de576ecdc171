package io.github.raftkit.api;

import io.github.raftkit.api.client.ClientReply;
import io.github.raftkit.api.client.ClientRequest;
import java.util.concurrent.CompletableFuture;

/**
 * One member of one Raft group, running a replicated {@link io.github.raftkit.api.statemachine.StateMachine}.
 *
 * <p>Every method is thread-safe and non-blocking; results arrive through futures, completed on the server's own
 * threads (chain with {@code *Async} variants to move heavy work off them). A future fails with a
 * {@link io.github.raftkit.api.error.RaftException}: not leader (with a hint), timeout, overloaded or shut down.
 */
public interface RaftServer extends AutoCloseable {

    /** Opens storage, recovers the log and joins the group. Completes once the member is running. */
    CompletableFuture<Void> start();

    /**
     * Stops the member: pending requests fail with {@link io.github.raftkit.api.error.ShutdownException}, storage is
     * closed. Idempotent.
     */
    CompletableFuture<Void> stop();

    /**
     * Proposes a command. The future completes with the state machine's result once the command is committed and
     * applied here; it fails with {@link io.github.raftkit.api.error.NotLeaderException} on a follower.
     *
     * @param command the command's bytes; the caller must not change them afterwards
     */
    CompletableFuture<byte[]> propose(byte[] command);

    /** Asks the state machine a read-only question with the given freshness. */
    CompletableFuture<byte[]> read(byte[] query, ReadConsistency consistency);

    /** A linearizable read, the default. */
    default CompletableFuture<byte[]> read(byte[] query) {
        return read(query, ReadConsistency.LINEARIZABLE);
    }

    /**
     * Takes a snapshot of the state machine now and compacts the log below it (Raft paper §7), besides the automatic
     * ones of {@link SnapshotPolicy}. Completes with the snapshot's metadata once it is written (with the newest one if
     * nothing was applied since); fails with a {@link io.github.raftkit.api.error.StorageException} if writing failed.
     */
    CompletableFuture<io.github.raftkit.api.spi.SnapshotMetadata> snapshot();

    /**
     * Serves a client request here, exactly as the transport does for a client across the network: a follower
     * forwards what the leader must serve. For front ends running in the member's process (a Redis or HTTP port), so
     * that their requests skip the socket; see {@code RaftClients.inProcess}. Never blocks; the future completes with a
     * reply (a {@link io.github.raftkit.api.client.ClientReply.Rejected} on failure), by the request timeout at the
     * latest.
     */
    CompletableFuture<ClientReply> handle(ClientRequest request);

    /** The member's current status; cheap, never blocks. */
    ServerStatus status();

    /** Stops the member and waits for it. */
    @Override
    default void close() {
        stop().join();
    }
}
