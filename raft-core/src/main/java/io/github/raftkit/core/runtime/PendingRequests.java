package io.github.raftkit.core.runtime;

import io.github.raftkit.api.error.OverloadedException;
import io.github.raftkit.api.error.RaftException;
import io.github.raftkit.api.error.RaftTimeoutException;
import io.micrometer.core.instrument.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The proposals and reads a member has taken on and not yet answered. It refuses more than its capacity at once
 * (back-pressure before any work is done), fails those older than the request timeout in one periodic
 * {@link #expire()} sweep rather than a timer per request, and fails all of them when the member stops.
 *
 * <p>Thread-safe: callers' threads {@link #admit}, the timer thread expires, any of the server's threads completes a
 * future, and the first completion wins.
 */
final class PendingRequests {

    private record Pending(CompletableFuture<?> future, long deadlineNanos, String what) {
    }

    private final String member;
    private final int capacity;
    private final Duration timeout;
    private final Clock clock;
    private final ConcurrentMap<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicReference<RaftException> closedBy = new AtomicReference<>();

    PendingRequests(String member, int capacity, Duration timeout, Clock clock) {
        this.member = member;
        this.capacity = capacity;
        this.timeout = timeout;
        this.clock = clock;
    }

    /**
     * A request taken on: the server completes {@code work}, and the caller holds {@code reply}, which completes
     * with the same outcome just after the request has left the pending set, so that a caller who reacts to the
     * reply by sending another request is not refused for the one it just got.
     */
    record Admitted<T>(CompletableFuture<T> work, CompletableFuture<T> reply) {
        /** Whether the request was refused on arrival, and must not be handed on. */
        boolean refused() {
            return work.isDone();
        }
    }

    /**
     * Takes on a new request described by {@code what}; it is refused at once with {@link OverloadedException} when
     * {@code capacity} requests are pending, or with the closing cause once {@link #failAll} was called.
     */
    <T> Admitted<T> admit(String what) {
        RaftException closed = closedBy.get();
        if (closed != null) {
            return refusal(closed);
        }
        if (count.incrementAndGet() > capacity) {
            count.decrementAndGet();
            return refusal(new OverloadedException(member + " has " + capacity
                    + " proposals and reads pending (maxPendingProposals); back off and retry"));
        }
        long id = ids.incrementAndGet();
        CompletableFuture<T> work = new CompletableFuture<>();
        CompletableFuture<T> reply = new CompletableFuture<>();
        pending.put(id, new Pending(work, clock.monotonicTime() + timeout.toNanos(), what));
        work.whenComplete((result, error) -> {
            pending.remove(id);
            count.decrementAndGet();
            if (error == null) {
                reply.complete(result);
            } else {
                reply.completeExceptionally(error);
            }
        });
        // failAll may have swept the map just before our put; then it is ours to fail.
        closed = closedBy.get();
        if (closed != null) {
            work.completeExceptionally(closed);
        }
        return new Admitted<>(work, reply);
    }

    private static <T> Admitted<T> refusal(RaftException cause) {
        CompletableFuture<T> failed = CompletableFuture.failedFuture(cause);
        return new Admitted<>(failed, failed);
    }

    /** Fails every request whose deadline has passed. Called from the timer thread. */
    void expire() {
        long now = clock.monotonicTime();
        for (Pending request : pending.values()) {
            if (now - request.deadlineNanos() >= 0) {
                request.future().completeExceptionally(new RaftTimeoutException(request.what() + " at " + member
                        + " was not decided within " + timeout.toMillis() + " ms"));
            }
        }
    }

    /** Fails every pending request with {@code cause}, and every later one too. The first cause given sticks. */
    void failAll(RaftException cause) {
        closedBy.compareAndSet(null, cause);
        RaftException closed = closedBy.get();
        for (Pending request : pending.values()) {
            request.future().completeExceptionally(closed);
        }
    }

    /** How many requests are pending now. */
    int size() {
        return count.get();
    }
}
