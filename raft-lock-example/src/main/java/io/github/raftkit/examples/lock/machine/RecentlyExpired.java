package io.github.raftkit.examples.lock.machine;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The ids of the last {@link #CAPACITY} sessions that expired, so that a late command from one of them is told
 * "your session expired" rather than "unknown session". Bounded, and part of the replicated state (it is in the
 * snapshot), so every replica gives the same answer.
 */
final class RecentlyExpired {
    static final int CAPACITY = 4_096;
    private final Deque<Long> order = new ArrayDeque<>();
    private final Set<Long> ids = new HashSet<>();

    void add(long id) {
        if (ids.add(id)) {
            order.addLast(id);
            if (order.size() > CAPACITY) {
                ids.remove(order.removeFirst());
            }
        }
    }

    boolean contains(long id) {
        return ids.contains(id);
    }

    /** Oldest first. */
    List<Long> inOrder() {
        return List.copyOf(order);
    }

    void clear() {
        order.clear();
        ids.clear();
    }
}
