package io.github.raftkit.examples.lock.machine;

import io.github.raftkit.examples.lock.command.LockMode;
import io.github.raftkit.examples.lock.command.LockResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One lock: its holders in grant order and its FIFO queue of waiters. A lock with neither is dropped by
 * {@link LockTable}; it needs no memory of its last fencing token, because tokens are log indexes, which only grow.
 */
final class HeldLock {
    /** One session's hold. */
    static final class Hold {
        final long token;
        int count;

        Hold(long token, int count) {
            this.token = token;
            this.count = count;
        }
    }

    final String name;
    LockMode mode = LockMode.EXCLUSIVE;
    final Map<Long, Hold> holders = new LinkedHashMap<>();
    final Deque<LockResult.Waiter> queue = new ArrayDeque<>();

    HeldLock(String name) {
        this.name = name;
    }

    boolean idle() {
        return holders.isEmpty() && queue.isEmpty();
    }

    /**
     * Whether a new request in {@code wanted} mode may be granted now. FIFO: nobody overtakes a waiter, so readers
     * arriving behind a queued writer wait too, and a writer is never starved.
     */
    boolean grantable(LockMode wanted) {
        if (!queue.isEmpty()) {
            return false;
        }
        return holders.isEmpty() || (mode == LockMode.SHARED && wanted == LockMode.SHARED);
    }

    void grant(long session, LockMode wanted, long token) {
        mode = holders.isEmpty() ? wanted : mode;
        holders.put(session, new Hold(token, 1));
    }

    /** The 1-based place of {@code session} in the queue, if it waits. */
    Optional<Integer> position(long session) {
        int place = 1;
        for (LockResult.Waiter waiter : queue) {
            if (waiter.session() == session) {
                return Optional.of(place);
            }
            place++;
        }
        return Optional.empty();
    }

    boolean dequeue(long session) {
        return queue.removeIf(waiter -> waiter.session() == session);
    }

    /**
     * Grants the lock to the waiters at the head of the queue that can hold it together (one writer, or every
     * reader up to the next writer), all with {@code token}; returns the sessions granted.
     */
    List<Long> grantWaiters(long token) {
        List<Long> granted = new ArrayList<>();
        while (!queue.isEmpty()) {
            LockResult.Waiter next = queue.peekFirst();
            boolean fits = holders.isEmpty() || (mode == LockMode.SHARED && next.mode() == LockMode.SHARED);
            if (!fits) {
                break;
            }
            queue.pollFirst();
            grant(next.session(), next.mode(), token);
            granted.add(next.session());
        }
        return granted;
    }

    LockResult.Holders describe() {
        List<LockResult.Holder> holding = new ArrayList<>();
        holders.forEach((session, hold) -> holding.add(new LockResult.Holder(session, hold.token, hold.count)));
        return new LockResult.Holders(name, mode, holding, List.copyOf(queue));
    }
}
