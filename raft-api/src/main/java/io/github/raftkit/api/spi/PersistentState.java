package io.github.raftkit.api.spi;

import io.github.raftkit.api.NodeId;
import java.util.Optional;

/**
 * The part of a member's state that must survive a crash besides the log (Raft paper Figure 2, "Persistent state").
 *
 * @param term the latest term this member has seen
 * @param votedFor whom it voted for in {@code term}, if anyone
 */
public record PersistentState(long term, Optional<NodeId> votedFor) {
    /** The state of a member that has never run. */
    public static final PersistentState INITIAL = new PersistentState(0, Optional.empty());

    public PersistentState {
        if (term < 0) {
            throw new IllegalArgumentException("term must not be negative, got " + term);
        }
    }
}
