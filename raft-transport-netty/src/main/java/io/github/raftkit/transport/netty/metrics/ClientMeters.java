package io.github.raftkit.transport.netty.metrics;

import io.github.raftkit.api.client.ClientError;
import io.github.raftkit.api.client.ClientReply;
import io.github.raftkit.api.client.ClientRequest;
import io.micrometer.core.instrument.Counter;
import java.util.Map;

/**
 * The counters of the client traffic a member serves, resolved once so that the hot path only increments.
 * Thread-safe (Micrometer counters).
 *
 * @param requests requests received, by kind
 * @param replies replies written, whatever they say
 * @param rejected replies that refused the request, by error; the member's own overload refusals included
 * @param unread client connections closed because they did not read their replies
 */
public record ClientMeters(Map<Class<? extends ClientRequest>, Counter> requests, Counter replies,
                           Map<ClientError, Counter> rejected, Counter unread) {
    /** The {@code kind} tag of each request record. */
    static final Map<Class<? extends ClientRequest>, String> KINDS = Map.of(
            ClientRequest.Register.class, "register",
            ClientRequest.Write.class, "write",
            ClientRequest.Read.class, "read",
            ClientRequest.ReadBarrier.class, "read_barrier",
            ClientRequest.Forwarded.class, "forwarded");

    public ClientMeters {
        requests = Map.copyOf(requests);
        rejected = Map.copyOf(rejected);
    }

    /** Counts one request received. */
    public void received(ClientRequest request) {
        requests.get(request.getClass()).increment();
    }

    /** Counts one reply written. */
    public void replied(ClientReply reply) {
        replies.increment();
        if (reply instanceof ClientReply.Rejected rejection) {
            rejected.get(rejection.error()).increment();
        }
    }
}
