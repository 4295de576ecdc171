package io.github.raftkit.examples.kv.resp;

import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One connection's commands that are decoded and not yet answered, in the order they arrived, with the bytes they
 * hold. Replies leave strictly in that order: a completed reply waits behind any earlier one still in flight, which is
 * what pipelining clients rely on. Used on the connection's event loop only.
 */
final class PendingReplies {
    private record Pending(CompletableFuture<Reply> reply, long bytes) {
    }

    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private long bytes;

    void add(CompletableFuture<Reply> reply, long requestBytes) {
        queue.addLast(new Pending(reply, requestBytes));
        bytes += requestBytes;
    }

    /** Removes and returns the oldest reply if it is complete; empty while it is still in flight (or none is left). */
    Optional<Reply> pollReady() {
        Pending oldest = queue.peekFirst();
        if (oldest == null || !oldest.reply().isDone()) {
            return Optional.empty();
        }
        queue.removeFirst();
        bytes -= oldest.bytes();
        return Optional.of(oldest.reply().getNow(null));
    }

    /** Whether the connection holds as many commands, or as many bytes of them, as the settings allow. */
    boolean full(RespSettings settings) {
        return queue.size() >= settings.maxInFlight() || bytes >= settings.maxInFlightBytes();
    }

    /** Forgets every pending reply: the connection is gone, and replies that complete later go nowhere. */
    void clear() {
        queue.clear();
        bytes = 0;
    }
}
