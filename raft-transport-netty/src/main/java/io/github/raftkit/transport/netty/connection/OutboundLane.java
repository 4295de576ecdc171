package io.github.raftkit.transport.netty.connection;

import io.github.raftkit.api.message.RaftMessage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A FIFO of messages for one peer, bounded in count and in frame bytes; an offer beyond either bound is refused, never
 * blocked. Offered from any thread (the engine's), polled from the peer's event loop.
 */
final class OutboundLane {
    private record Queued(RaftMessage message, int frameBytes) {
    }

    private final ConcurrentLinkedQueue<Queued> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger messages = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private final int maxMessages;
    private final long maxBytes;

    OutboundLane(int maxMessages, long maxBytes) {
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
    }

    /** Queues {@code message}, whose frame takes {@code frameBytes}; false if that would pass a bound. */
    boolean offer(RaftMessage message, int frameBytes) {
        if (messages.incrementAndGet() > maxMessages) {
            messages.decrementAndGet();
            return false;
        }
        if (bytes.addAndGet(frameBytes) > maxBytes) {
            bytes.addAndGet(-frameBytes);
            messages.decrementAndGet();
            return false;
        }
        queue.add(new Queued(message, frameBytes));
        return true;
    }

    /** The oldest message, or {@code null}. */
    RaftMessage poll() {
        Queued queued = queue.poll();
        if (queued == null) {
            return null;
        }
        bytes.addAndGet(-queued.frameBytes());
        messages.decrementAndGet();
        return queued.message();
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** Messages waiting. */
    int size() {
        return messages.get();
    }

    /** Empties the lane; returns how many messages it held. */
    int clear() {
        int cleared = 0;
        while (poll() != null) {
            cleared++;
        }
        return cleared;
    }
}
