package io.github.raftkit.core.engine.snapshot;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.message.InstallSnapshot;
import io.github.raftkit.api.spi.SnapshotMetadata;

/**
 * A follower's side of one InstallSnapshot transfer (Raft paper §7): which snapshot it is receiving, from which
 * leader in which term, and the offset it expects next. Chunks are taken strictly in order; anything else is answered
 * with the expected offset, and a chunk of another snapshot, leader or term restarts the transfer at offset 0, since
 * two snapshots of the same entry need not have the same bytes. Once the last chunk is taken the transfer waits for
 * the runtime to verify and install it, and ignores every chunk until then. Owned by the engine's thread.
 */
public final class SnapshotReceiver {

    /** What became of a chunk. */
    public enum Verdict {
        /** Taken; the leader may send the next one. */
        ACCEPTED,
        /** Taken, and it was the last: the runtime verifies and installs the snapshot now. */
        ACCEPTED_LAST,
        /** Not the chunk expected; the leader should resume from {@link #expectedOffset()}. */
        OUT_OF_ORDER,
        /** Ignored: the last chunk is being verified and installed. */
        INSTALLING
    }

    private NodeId leader;
    private long term;
    private SnapshotMetadata snapshot;
    private long expectedOffset;
    private boolean installing;

    /** Takes a chunk, which the caller has checked comes from the current leader in the current term. */
    public Verdict offer(InstallSnapshot chunk) {
        if (installing) {
            return Verdict.INSTALLING;
        }
        boolean sameTransfer = snapshot != null && snapshot.equals(chunk.snapshot()) && leader.equals(chunk.from())
                && term == chunk.term();
        if (!sameTransfer) {
            clear();
            if (chunk.offset() != 0) {
                return Verdict.OUT_OF_ORDER;
            }
            leader = chunk.from();
            term = chunk.term();
            snapshot = chunk.snapshot();
        }
        if (chunk.offset() != expectedOffset) {
            return Verdict.OUT_OF_ORDER;
        }
        expectedOffset += chunk.chunk().length;
        if (chunk.done()) {
            installing = true;
            return Verdict.ACCEPTED_LAST;
        }
        return Verdict.ACCEPTED;
    }

    /** The offset of the next chunk this member will take; 0 when no transfer is going on. */
    public long expectedOffset() {
        return expectedOffset;
    }

    /** Whether {@code metadata}'s last chunk was taken and its installation is awaited. */
    public boolean installing(SnapshotMetadata metadata) {
        return installing && snapshot.equals(metadata);
    }

    /** The leader that sent the transfer in progress, if any. */
    public NodeId leader() {
        return leader;
    }

    /** Forgets the transfer; the next one starts at offset 0. */
    public void clear() {
        leader = null;
        snapshot = null;
        expectedOffset = 0;
        installing = false;
    }
}
