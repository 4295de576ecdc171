package io.github.raftkit.core.engine.read;

import io.github.raftkit.core.engine.ReadState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads waiting at a leader for ReadIndex (dissertation §6.4): each waits until a majority has answered a heartbeat
 * round that started after the read arrived (so this member still led when the read arrived) and until the leader
 * has committed an entry of its own term (so its commit index covers every earlier committed write).
 */
public final class ReadIndexQueue {

    private record Pending(long requestId, long round) {
    }

    private final Deque<Pending> pending = new ArrayDeque<>();

    /** Queues a read; {@code round} is the heartbeat round started for it. */
    public void add(long requestId, long round) {
        pending.addLast(new Pending(requestId, round));
    }

    /**
     * The reads now confirmed: those whose round a majority has answered, served at {@code commitIndex}. Nothing is
     * released before the leader has committed in its term.
     */
    public List<ReadState> release(long quorumRound, boolean committedInTerm, long commitIndex) {
        List<ReadState> ready = new ArrayList<>();
        while (committedInTerm && !pending.isEmpty() && pending.peekFirst().round() <= quorumRound) {
            ready.add(new ReadState(pending.pollFirst().requestId(), commitIndex));
        }
        return ready;
    }

    /** Drops every waiting read, because this member stopped leading; returns their ids. */
    public List<Long> abortAll() {
        List<Long> ids = new ArrayList<>();
        pending.forEach(p -> ids.add(p.requestId()));
        pending.clear();
        return ids;
    }
}
