package io.github.raftkit.core.engine;

import io.github.raftkit.api.message.RaftMessage;
import io.github.raftkit.core.engine.snapshot.SnapshotSend;
import java.util.ArrayList;
import java.util.List;

/**
 * Messages produced by the engine's steps, waiting for the next {@link Ready}. A leader's own requests may leave at
 * once; anything that promises persisted state (a vote, an acknowledgement) waits for persistence.
 */
public final class Outbox {
    private List<RaftMessage> now = new ArrayList<>();
    private List<RaftMessage> afterPersist = new ArrayList<>();
    private List<SnapshotSend> snapshotSends = new ArrayList<>();

    /** A message that depends on nothing unpersisted. */
    public void sendNow(RaftMessage message) {
        now.add(message);
    }

    /** A message that may leave only once everything persisted before it is durable. */
    public void sendAfterPersist(RaftMessage message) {
        afterPersist.add(message);
    }

    /** A snapshot chunk for the runtime to read and send; it promises nothing, so it may leave at once. */
    public void sendSnapshotChunk(SnapshotSend send) {
        snapshotSends.add(send);
    }

    boolean isEmpty() {
        return now.isEmpty() && afterPersist.isEmpty() && snapshotSends.isEmpty();
    }

    List<SnapshotSend> takeSnapshotSends() {
        List<SnapshotSend> out = snapshotSends;
        snapshotSends = new ArrayList<>();
        return out;
    }

    List<RaftMessage> takeNow() {
        List<RaftMessage> out = now;
        now = new ArrayList<>();
        return out;
    }

    List<RaftMessage> takeAfterPersist() {
        List<RaftMessage> out = afterPersist;
        afterPersist = new ArrayList<>();
        return out;
    }
}
