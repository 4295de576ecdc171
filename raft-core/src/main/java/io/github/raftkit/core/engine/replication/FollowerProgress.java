package io.github.raftkit.core.engine.replication;

import io.github.raftkit.api.NodeId;

/**
 * What a leader knows of one follower's log, and how it is sending to it. A follower starts in {@link State#PROBE}:
 * one append at a time until the leader finds where their logs agree; then {@link State#REPLICATE} streams appends
 * optimistically within the inflight window. Any rejection falls back to probing.
 */
public final class FollowerProgress {

    /** How the leader sends to this follower. */
    public enum State {
        /** One append at a time until the logs' agreement point is found. */
        PROBE,
        /** Appends stream ahead of acknowledgements, bounded by the inflight window. */
        REPLICATE
    }

    private final NodeId id;
    private final InflightWindow inflight;
    private State state = State.PROBE;
    private long match;
    private long next;
    private boolean probeOutstanding;
    private boolean recentlyActive;
    private long ackedRound;

    FollowerProgress(NodeId id, long next, int maxInflight) {
        this.id = id;
        this.next = next;
        this.inflight = new InflightWindow(maxInflight);
    }

    public NodeId id() {
        return id;
    }

    public State state() {
        return state;
    }

    /** The highest index known to match the leader's log and be durable on the follower. */
    public long match() {
        return match;
    }

    /** The next index to send. */
    public long next() {
        return next;
    }

    public long ackedRound() {
        return ackedRound;
    }

    /** Whether the leader may send an append now. */
    boolean canSend() {
        return state == State.PROBE ? !probeOutstanding : !inflight.isFull();
    }

    /** Records an append just sent, carrying entries through {@code lastIndex} (none if it equals next - 1). */
    void sent(long lastIndex) {
        if (state == State.PROBE) {
            probeOutstanding = true;
        } else if (lastIndex >= next) {
            inflight.add(lastIndex);
            next = lastIndex + 1;
        }
    }

    /** A heartbeat interval passed: a lost probe may be retried. */
    void unpause() {
        probeOutstanding = false;
    }

    /**
     * The follower answered, so it is alive in this leader's CheckQuorum period; it echoed {@code round}, which the
     * caller has checked is a round this leader started.
     */
    void heardFrom(long round) {
        recentlyActive = true;
        ackedRound = Math.max(ackedRound, round);
    }

    boolean takeRecentlyActive() {
        boolean active = recentlyActive;
        recentlyActive = false;
        return active;
    }

    /**
     * The follower's log matches through {@code index}. Returns whether {@link #match()} grew. A probe that
     * succeeded at the probed position switches to streaming.
     */
    boolean acknowledged(long index) {
        boolean grew = index > match;
        if (grew) {
            match = index;
        }
        next = Math.max(next, match + 1);
        inflight.freeThrough(index);
        if (state == State.PROBE && index >= next - 1) {
            state = State.REPLICATE;
            next = match + 1;
            inflight.clear();
        }
        probeOutstanding = false;
        return grew;
    }

    /**
     * The follower rejected an append at {@code rejectedIndex}; {@code hintNext} is where the leader's search
     * should go next. Returns false for a stale rejection (already superseded), which changes nothing.
     */
    boolean rejected(long rejectedIndex, long hintNext) {
        // The leader never sends prevLogIndex >= next, so a rejection there is a lie, not a hint.
        if (rejectedIndex <= match || rejectedIndex >= next || (state == State.PROBE && rejectedIndex != next - 1)) {
            return false;
        }
        state = State.PROBE;
        inflight.clear();
        probeOutstanding = false;
        next = Math.max(match + 1, Math.min(hintNext, rejectedIndex));
        return true;
    }

    @Override
    public String toString() {
        return id + "[" + state + " match=" + match + " next=" + next + " inflight=" + inflight.count() + "]";
    }
}
