package io.github.raftkit.transport.netty.codec;

import io.github.raftkit.api.client.ClientRequest;
import java.util.Objects;

/**
 * A client request on the wire. The client picks {@code correlationId}; the member's reply carries it back, so that
 * replies may come in any order on one connection.
 */
public record ClientRequestFrame(long correlationId, ClientRequest request) {
    public ClientRequestFrame {
        Objects.requireNonNull(request, "request");
    }
}
