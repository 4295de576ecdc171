package io.github.raftkit.transport.netty.codec;

import io.github.raftkit.api.client.ClientReply;
import java.util.Objects;

/** A member's reply on the wire, carrying the correlation id of the {@link ClientRequestFrame} it answers. */
public record ClientReplyFrame(long correlationId, ClientReply reply) {
    public ClientReplyFrame {
        Objects.requireNonNull(reply, "reply");
    }
}
