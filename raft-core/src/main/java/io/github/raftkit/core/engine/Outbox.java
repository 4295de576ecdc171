package io.github.raftkit.core.engine;

import io.github.raftkit.api.message.RaftMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * Messages produced by the engine's steps, waiting for the next {@link Ready}. A leader's own requests may leave at
 * once; anything that promises persisted state (a vote, an acknowledgement) waits for persistence.
 */
public final class Outbox {
    private List<RaftMessage> now = new ArrayList<>();
    private List<RaftMessage> afterPersist = new ArrayList<>();

    /** A message that depends on nothing unpersisted. */
    public void sendNow(RaftMessage message) {
        now.add(message);
    }

    /** A message that may leave only once everything persisted before it is durable. */
    public void sendAfterPersist(RaftMessage message) {
        afterPersist.add(message);
    }

    boolean isEmpty() {
        return now.isEmpty() && afterPersist.isEmpty();
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
