package io.github.raftkit.transport.netty.metrics;

import io.github.raftkit.transport.netty.codec.FrameTraffic;
import io.micrometer.core.instrument.Counter;
import java.util.Map;

/**
 * The counters of one peer, resolved once so that the hot path only increments. Thread-safe (Micrometer counters).
 *
 * @param framesIn frames decoded from this peer
 * @param framesOut frames encoded for this peer
 * @param bytesIn frame bytes (header included, TLS excluded) from this peer
 * @param bytesOut frame bytes for this peer
 * @param reconnects connections to this peer lost and dialled again
 * @param dropped messages for this peer not sent, by reason
 */
public record PeerMeters(Counter framesIn, Counter framesOut, Counter bytesIn, Counter bytesOut, Counter reconnects,
                         Map<DropReason, Counter> dropped) implements FrameTraffic {
    public PeerMeters {
        dropped = Map.copyOf(dropped);
    }

    @Override
    public void received(int bytes) {
        framesIn.increment();
        bytesIn.increment(bytes);
    }

    @Override
    public void sent(int bytes) {
        framesOut.increment();
        bytesOut.increment(bytes);
    }

    /** Counts one message dropped for {@code reason}. */
    public void dropped(DropReason reason) {
        dropped.get(reason).increment();
    }
}
