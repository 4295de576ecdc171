package io.github.raftkit.core.simulation;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.log.LogEntry;
import java.util.List;

/**
 * The replicated state machine of a simulated member: it folds every applied entry into a hash chain, the same chain
 * as a log's prefix hash, so two replicas that applied the same entries hold the same hash. Starts empty after every
 * restart, because commit and apply progress are volatile and entries are applied again.
 */
final class StateMachineChain {
    private final NodeId owner;
    private long appliedIndex;
    private long hash = Fnv64.EMPTY;

    StateMachineChain(NodeId owner) {
        this.owner = owner;
    }

    void apply(LogEntry entry) {
        if (entry.index() != appliedIndex + 1) {
            throw new InvariantViolation(Invariant.MONOTONIC_APPLY, List.of(owner),
                    "asked to apply " + entry + " after applying through " + appliedIndex);
        }
        hash = LogMirror.chain(hash, entry);
        appliedIndex++;
    }

    long appliedIndex() {
        return appliedIndex;
    }

    long hash() {
        return hash;
    }
}
