package io.github.raftkit.core.simulation;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.log.LogEntry;
import java.util.List;

/**
 * The replicated state machine of a simulated member: it folds every applied entry into a hash chain, the same chain
 * as a log's prefix hash, so two replicas that applied the same entries hold the same hash. Its snapshot is that
 * hash and the index it covers. After a restart it starts from the newest snapshot (or empty), because commit and
 * apply progress are volatile and the entries after it are applied again.
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

    /** Replaces the state with a snapshot's: the chain's hash through its index. */
    void restore(long index, long hash) {
        appliedIndex = index;
        this.hash = hash;
    }

    long appliedIndex() {
        return appliedIndex;
    }

    long hash() {
        return hash;
    }
}
