package io.github.raftkit.core.engine.read;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A leader's lease for reads that skip the heartbeat round (dissertation §6.4.1), in ticks of logical time since this
 * member became leader. Lives for one term of leadership.
 *
 * <p>A follower that got an append of round {@code r} ignores vote requests for an election timeout after it got it
 * (§4.2.3). It got it no earlier than round {@code r} started, so once a majority, counting the leader, has answered
 * round {@code r}, no other member can win an election until {@code leaseTicks} after that start. The lease is timed
 * from when the round was sent, never from when the answers came: the answers say nothing about how long the append
 * travelled, and the followers' clocks started when it arrived.
 *
 * <p>The engine decides when a lease may be used at all (CheckQuorum on, an entry of the leader's term committed);
 * this class only keeps time.
 */
public final class ReadLease {

    /** The first round started at {@code tick}; later rounds of the same tick share the entry. */
    private record RoundStart(long round, long tick) {
    }

    private final int leaseTicks;
    private final Deque<RoundStart> starts = new ArrayDeque<>();
    private long now;
    private long expiry;
    private boolean surrendered;

    /** A lease that lasts {@code leaseTicks} from the start of each round a majority answers. */
    public ReadLease(int leaseTicks) {
        if (leaseTicks < 1) {
            throw new IllegalArgumentException("leaseTicks must be positive: " + leaseTicks);
        }
        this.leaseTicks = leaseTicks;
    }

    /** One tick of logical time passed. */
    public void tick() {
        now++;
        // A round started this long ago could only grant a lease that has already run out.
        while (!starts.isEmpty() && starts.peekFirst().tick() + leaseTicks <= now) {
            starts.pollFirst();
        }
    }

    /** Round {@code round} starts now; rounds are numbered upwards from 1. */
    public void roundStarted(long round) {
        if (starts.isEmpty() || starts.peekLast().tick() < now) {
            starts.addLast(new RoundStart(round, now));
        }
    }

    /** A majority, counting the leader, has answered every round through {@code quorumRound}. */
    public void quorumAnswered(long quorumRound) {
        RoundStart answered = null;
        while (!starts.isEmpty() && starts.peekFirst().round() <= quorumRound) {
            answered = starts.pollFirst();
        }
        if (answered != null) {
            expiry = Math.max(expiry, answered.tick() + leaseTicks);
            // Later rounds of the same tick may be answered next; they start from the same tick.
            starts.addFirst(answered);
        }
    }

    /**
     * Gives the lease up for the rest of the term: a leadership transfer's TimeoutNow lets its target win votes from
     * followers that still honour the lease (§3.10, §4.2.3).
     */
    public void surrender() {
        surrendered = true;
    }

    /** Whether the lease holds now. */
    public boolean holds() {
        return !surrendered && now < expiry;
    }
}
