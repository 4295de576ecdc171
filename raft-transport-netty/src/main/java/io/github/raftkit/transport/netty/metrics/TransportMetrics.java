package io.github.raftkit.transport.netty.metrics;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.client.ClientError;
import io.github.raftkit.api.client.ClientRequest;
import io.github.raftkit.transport.netty.codec.MalformedReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The meters of one transport, all named {@code raft.transport.*} and tagged with the local {@code node}; per-peer
 * meters add a {@code peer} tag. Meters are registered when the transport starts and removed when it closes, so a
 * closed transport leaves nothing behind in a shared registry. Thread-safe.
 */
public final class TransportMetrics {
    /** The {@code peer} tag of traffic on a connection that has not said who it is yet. */
    public static final String UNIDENTIFIED = "unidentified";
    /** The {@code peer} tag of the frames and bytes of client connections, all counted together. */
    public static final String CLIENTS = "clients";

    private final MeterRegistry registry;
    private final Tags nodeTags;
    private final List<Meter> registered = new ArrayList<>();
    private final Map<MalformedReason, Counter> malformed = new EnumMap<>(MalformedReason.class);
    private final Counter tlsFailures;
    private final Counter droppedUnknownPeer;

    public TransportMetrics(MeterRegistry registry, NodeId self) {
        this.registry = registry;
        this.nodeTags = Tags.of("node", self.value());
        for (MalformedReason reason : MalformedReason.values()) {
            malformed.put(reason, counter("raft.transport.malformed", "connections closed for malformed input",
                    nodeTags.and("reason", reason.tag())));
        }
        tlsFailures = counter("raft.transport.tls.failures", "TLS handshakes that failed, including untrusted peers",
                nodeTags);
        droppedUnknownPeer = counter("raft.transport.dropped", "outbound messages not sent",
                nodeTags.and("peer", "unknown", "reason", DropReason.UNKNOWN_PEER.tag()));
    }

    /** The meters of traffic with {@code peer}, or with {@link #UNIDENTIFIED} connections. */
    public synchronized PeerMeters peer(String peer) {
        Tags tags = nodeTags.and("peer", peer);
        Map<DropReason, Counter> dropped = new EnumMap<>(DropReason.class);
        for (DropReason reason : DropReason.values()) {
            if (reason != DropReason.UNKNOWN_PEER) {
                dropped.put(reason, counter("raft.transport.dropped", "outbound messages not sent",
                        tags.and("reason", reason.tag())));
            }
        }
        return new PeerMeters(
                counter("raft.transport.frames", "frames", tags.and("direction", "in")),
                counter("raft.transport.frames", "frames", tags.and("direction", "out")),
                byteCounter(tags.and("direction", "in")),
                byteCounter(tags.and("direction", "out")),
                counter("raft.transport.reconnects", "connections lost and dialled again", tags),
                dropped);
    }

    /** The meters of the client requests this member serves. */
    public synchronized ClientMeters clients() {
        Map<Class<? extends ClientRequest>, Counter> requests = new HashMap<>();
        ClientMeters.KINDS.forEach((kind, tag) -> requests.put(kind, counter("raft.transport.client.requests",
                "client requests received", nodeTags.and("kind", tag))));
        Map<ClientError, Counter> rejected = new EnumMap<>(ClientError.class);
        for (ClientError error : ClientError.values()) {
            rejected.put(error, counter("raft.transport.client.rejected", "client replies that refused the request",
                    nodeTags.and("error", error.name().toLowerCase(Locale.ROOT))));
        }
        return new ClientMeters(requests,
                counter("raft.transport.client.replies", "client replies written", nodeTags),
                rejected,
                counter("raft.transport.client.unread", "client connections closed for not reading their replies",
                        nodeTags));
    }

    /** Registers the outbound queue depth of {@code peer}, read from {@code depth} when scraped. */
    public synchronized void queueDepth(String peer, Supplier<Number> depth) {
        registered.add(Gauge.builder("raft.transport.queue.depth", depth)
                .description("messages waiting to be written to the peer")
                .tags(nodeTags.and("peer", peer))
                .register(registry));
    }

    /** Counts a connection closed for malformed input. */
    public void malformed(MalformedReason reason) {
        malformed.get(reason).increment();
    }

    /** Counts a failed TLS handshake. */
    public void tlsFailure() {
        tlsFailures.increment();
    }

    /** Counts a message for a node that is not a known peer. */
    public void droppedUnknownPeer() {
        droppedUnknownPeer.increment();
    }

    /** Removes every meter this transport registered. */
    public synchronized void close() {
        registered.forEach(registry::remove);
        registered.clear();
    }

    private Counter counter(String name, String description, Tags tags) {
        Counter counter = Counter.builder(name).description(description).tags(tags).register(registry);
        registered.add(counter);
        return counter;
    }

    private Counter byteCounter(Tags tags) {
        Counter counter = Counter.builder("raft.transport.bytes").description("frame bytes, headers included")
                .baseUnit("bytes").tags(tags).register(registry);
        registered.add(counter);
        return counter;
    }
}
