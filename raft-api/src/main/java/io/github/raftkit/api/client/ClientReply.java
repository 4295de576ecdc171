package io.github.raftkit.api.client;

import io.github.raftkit.api.Endpoint;
import java.util.Objects;
import java.util.Optional;

/** A member's answer to a {@link ClientRequest}. A closed set; immutable, byte arrays shared as in requests. */
public sealed interface ClientReply {

    /** The state machine's answer to a write or a read. */
    record Result(byte[] value) implements ClientReply {
        public Result {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A session was opened; {@code clientId} names it in later writes. */
    record Registered(long clientId) implements ClientReply {
        public Registered {
            if (clientId <= 0) {
                throw new IllegalArgumentException("client id must be positive, got " + clientId);
            }
        }
    }

    /** The leader's read index for a {@link ClientRequest.ReadBarrier}. */
    record ReadIndex(long index) implements ClientReply {
        public ReadIndex {
            if (index < 0) {
                throw new IllegalArgumentException("read index must not be negative, got " + index);
            }
        }
    }

    /**
     * The request was not served.
     *
     * @param error why, as a code a client acts on
     * @param message the member's explanation, for people
     * @param leader where the leader listens, when {@code error} is {@link ClientError#NOT_LEADER} and one is known
     */
    record Rejected(ClientError error, String message, Optional<Endpoint> leader) implements ClientReply {
        public Rejected {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(leader, "leader");
        }
    }
}
