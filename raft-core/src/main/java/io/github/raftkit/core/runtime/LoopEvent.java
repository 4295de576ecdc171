package io.github.raftkit.core.runtime;

import io.github.raftkit.api.message.RaftMessage;
import java.util.List;
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

    /** A caller's read that needs the leader to confirm its leadership first (ReadIndex). */
    record Read(byte[] query, CompletableFuture<byte[]> future) implements LoopEvent {
    }

    /**
     * The storage stage made a round of writes durable.
     *
     * @param tasks how many submitted writes the round covered
     * @param lastIndex the last log entry written in the round, or 0 if it wrote none
     * @param lastTerm that entry's term
     * @param messages the messages that waited for this durability, in order
     */
    record Persisted(int tasks, long lastIndex, long lastTerm, List<RaftMessage> messages) implements LoopEvent {
    }
}
