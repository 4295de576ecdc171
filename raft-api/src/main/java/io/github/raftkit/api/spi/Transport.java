package io.github.raftkit.api.spi;

import io.github.raftkit.api.message.RaftMessage;
import java.util.function.Consumer;

/**
 * Carries messages between members. Raft tolerates loss, duplication and reordering, so a transport promises only
 * best effort; it must never block the caller, buffer without bound, or drop without counting.
 *
 * <p><b>Threading.</b> {@link #send} is called from the server's engine thread and must return at once. The inbound
 * consumer is called from the transport's own threads, possibly several at a time; the server queues what it gets.
 */
public interface Transport extends AutoCloseable {

    /**
     * Starts listening: every Raft message received for this member goes to {@code inbound}, and every client request
     * to {@code clients}, whose reply goes back to the client. Called once.
     */
    void start(Consumer<RaftMessage> inbound, ClientHandler clients);

    /** Sends a message to {@code message.to()}, or drops and counts it if that peer cannot take it now. */
    void send(RaftMessage message);

    /** Stops listening and closes connections. Idempotent. */
    @Override
    void close();
}
