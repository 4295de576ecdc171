package io.github.raftkit.core.engine;

import io.github.raftkit.api.NodeId;
import java.util.Optional;

/** What the engine did with a proposal. */
public sealed interface ProposalOutcome {

    /**
     * The commands were appended at {@code firstIndex..lastIndex} in {@code term}. They are decided when an entry is
     * applied at each index: with this term, the command was applied; with another term, it was overwritten.
     */
    record Accepted(long firstIndex, long lastIndex, long term) implements ProposalOutcome {
    }

    /** This member is not a leader that accepts proposals (or is handing leadership over). */
    record NotLeader(Optional<NodeId> leaderHint) implements ProposalOutcome {
    }
}
