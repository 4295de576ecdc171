package io.github.raftkit.core.engine.replication;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.spi.SnapshotMetadata;

/**
 * What a leader knows of one follower's log, and how it is sending to it. A follower starts in {@link State#PROBE}:
 * one append at a time until the leader finds where their logs agree; then {@link State#REPLICATE} streams appends
 * optimistically within the inflight window. Any rejection falls back to probing. A follower whose next entry the
 * leader compacted away gets a snapshot instead, in {@link State#SNAPSHOT}, one chunk at a time; once it
 * acknowledges an index the leader's log still holds, probing resumes from there.
 */
public final class FollowerProgress {

    /** How the leader sends to this follower. */
    public enum State {
        /** One append at a time until the logs' agreement point is found. */
        PROBE,
        /** Appends stream ahead of acknowledgements, bounded by the inflight window. */
        REPLICATE,
        /** A snapshot is being sent, one chunk at a time (Raft paper §7). */
        SNAPSHOT
    }

    private final NodeId id;
    private final InflightWindow inflight;
    private State state = State.PROBE;
    private long match;
    private long next;
    private boolean probeOutstanding;
    private boolean recentlyActive;
    private long ackedRound;
    private SnapshotMetadata snapshot;
    private long snapshotOffset;
    private int heartbeatsSinceChunk;

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

    /** In {@link State#SNAPSHOT}, the snapshot being sent; otherwise null. */
    public SnapshotMetadata snapshot() {
        return snapshot;
    }

    /** In {@link State#SNAPSHOT}, where the next chunk starts. */
    public long snapshotOffset() {
        return snapshotOffset;
    }

    /** Whether the leader may send an append (or, in {@link State#SNAPSHOT}, a chunk) now. */
    boolean canSend() {
        return state == State.REPLICATE ? !inflight.isFull() : !probeOutstanding;
    }

    /** Starts sending {@code metadata}'s snapshot from its first byte. */
    void becomeSnapshot(SnapshotMetadata metadata) {
        state = State.SNAPSHOT;
        snapshot = metadata;
        snapshotOffset = 0;
        probeOutstanding = false;
        inflight.clear();
    }

    /** A chunk just left; no other goes until it is answered, or it is given up for lost. */
    void chunkSent() {
        probeOutstanding = true;
        heartbeatsSinceChunk = 0;
    }

    /**
     * The follower expects {@code nextOffset} next. Returns false for an answer that tells nothing new: the chunk in
     * flight starts at that offset, so the answer predates it (a duplicate or reordered one).
     */
    boolean chunkAnswered(long nextOffset) {
        if (probeOutstanding && nextOffset == snapshotOffset) {
            return false;
        }
        snapshotOffset = nextOffset;
        probeOutstanding = false;
        return true;
    }

    /** The follower no longer needs the snapshot: probe from just past what it acknowledged. */
    void snapshotDone() {
        state = State.PROBE;
        snapshot = null;
        snapshotOffset = 0;
        next = match + 1;
        probeOutstanding = false;
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

    /**
     * A heartbeat interval passed: a lost probe may be retried. A chunk (up to a megabyte, not a few bytes) is
     * retried only after {@code chunkRetryHeartbeats} whole intervals without an answer, so that a chunk still on its
     * way is not sent twice and a follower that is down does not cost a chunk per heartbeat.
     */
    void unpause(int chunkRetryHeartbeats) {
        if (state != State.SNAPSHOT || ++heartbeatsSinceChunk > chunkRetryHeartbeats) {
            probeOutstanding = false;
        }
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
        if (state == State.SNAPSHOT) {
            return grew; // the leader decides whether the snapshot is still needed
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
        if (state == State.SNAPSHOT || rejectedIndex <= match || rejectedIndex >= next
                || (state == State.PROBE && rejectedIndex != next - 1)) {
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
        return id + "[" + state + " match=" + match + " next=" + next + " inflight=" + inflight.count()
                + (state == State.SNAPSHOT ? " snapshot=" + snapshot.lastIncludedIndex() + "@" + snapshotOffset : "")
                + "]";
    }
}
