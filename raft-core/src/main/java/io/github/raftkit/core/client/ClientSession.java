package io.github.raftkit.core.client;

import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One registered session (dissertation §6.3): its id, the next sequence number, and the writes not yet answered,
 * whose lowest tells the members which results they may forget. Thread-safe.
 */
final class ClientSession {
    private final long clientId;
    private final AtomicLong nextSequence = new AtomicLong(1);
    private final NavigableSet<Long> unanswered = new ConcurrentSkipListSet<>();

    ClientSession(long clientId) {
        this.clientId = clientId;
    }

    long clientId() {
        return clientId;
    }

    /**
     * Numbers a new write; it counts as unanswered until {@link #answered}. Numbering and counting happen as one step:
     * between them, a write numbered next on another thread would find this one in neither set and report every
     * write below its own as acknowledged, and the members would then refuse this one as answered already.
     */
    synchronized long nextSequence() {
        long sequence = nextSequence.getAndIncrement();
        unanswered.add(sequence);
        return sequence;
    }

    /** Every write below this number has been answered (at most {@code sequence}, which is still unanswered). */
    long acknowledgedBelow(long sequence) {
        Long lowest = unanswered.isEmpty() ? null : unanswered.first();
        return lowest == null ? sequence : Math.min(lowest, sequence);
    }

    /** The client will not send {@code sequence} again, whatever its outcome. */
    void answered(long sequence) {
        unanswered.remove(sequence);
    }
}
