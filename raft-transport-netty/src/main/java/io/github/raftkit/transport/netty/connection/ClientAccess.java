package io.github.raftkit.transport.netty.connection;

import io.github.raftkit.api.spi.ClientHandler;
import io.github.raftkit.transport.netty.metrics.ClientMeters;
import io.github.raftkit.transport.netty.metrics.PeerMeters;
import java.time.Duration;

/**
 * What a member's client connections share. Immutable; any thread.
 *
 * @param handler serves each request
 * @param maxPending the most requests of one connection awaiting their replies; beyond it the member refuses at once
 * @param maxFrameBytes the largest frame written; a larger reply is replaced by a rejection
 * @param unreadTimeout how long a connection may stay unwritable (its client not reading) before it is closed
 * @param meters the client request and reply counters
 * @param traffic the frame and byte counters of client connections
 */
public record ClientAccess(ClientHandler handler, int maxPending, int maxFrameBytes, Duration unreadTimeout,
                           ClientMeters meters, PeerMeters traffic) {
}
