package io.github.raftkit.core.runtime;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.message.RaftMessage;
import io.github.raftkit.api.spi.SnapshotMetadata;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** What the {@link EngineLoop} is asked to do, one input of the engine each. Immutable. */
sealed interface LoopEvent {

    /** A message from a peer, put on the queue by a transport thread. */
    record Inbound(RaftMessage message) implements LoopEvent {
    }

    /** A tick of logical time from the timer; at most one is queued at a time. */
    record Tick() implements LoopEvent {
    }

    /** A caller's command to propose; proposals queued together are proposed in one call. */
    record Proposal(byte[] command, CompletableFuture<byte[]> future) implements LoopEvent {
    }

    /**
     * A caller's read that needs the leader to confirm its leadership first: by a heartbeat round (ReadIndex), or by
     * its lease when {@code lease} is set and it holds one (dissertation §6.4.1).
     */
    record Read(ApplyStage.ReadRequest request, boolean lease) implements LoopEvent {
    }

    /**
     * The storage stage made a round of writes durable.
     *
     * @param tasks how many submitted writes the round covered
     * @param lastIndex the last log entry written in the round, or 0 if it wrote none
     * @param lastTerm that entry's term
     * @param messages the messages that waited for this durability, in order
     * @param installed a snapshot whose last chunk the round wrote: verified and committed, or not
     */
    record Persisted(int tasks, long lastIndex, long lastTerm, List<RaftMessage> messages,
                     Optional<Installed> installed) implements LoopEvent {
    }

    /** A received snapshot's fate once its last chunk was written. */
    record Installed(SnapshotMetadata metadata, boolean verified) {
    }

    /** The snapshot stage wrote a snapshot this member took. */
    record SnapshotTaken(SnapshotMetadata metadata) implements LoopEvent {
    }

    /** The snapshot stage could not read the snapshot a transfer to {@code follower} is sending. */
    record SnapshotUnreadable(NodeId follower) implements LoopEvent {
    }
}
