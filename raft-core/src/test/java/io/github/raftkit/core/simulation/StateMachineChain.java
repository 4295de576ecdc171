package io.github.raftkit.core.simulation;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.log.EntryType;
import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.api.statemachine.Command;
import io.github.raftkit.api.statemachine.Snapshot;
import io.github.raftkit.api.statemachine.StateMachine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A simulated member's application state machine, and beside it the checker's hash chain of every applied entry (the
 * same chain as a log's prefix hash, so two replicas that applied the same entries hold the same hash). The chain and
 * the applied index travel in snapshots next to the application's own bytes ({@link SnapshotBytes}), so the checker
 * never needs to understand the application. After a restart a member starts from the newest snapshot (or empty),
 * because commit and apply progress are volatile and the entries after it are applied again.
 */
final class StateMachineChain {
    private static final byte[] NO_OP_RESULT = new byte[0];

    private final NodeId owner;
    private final StateMachine application;
    private long appliedIndex;
    private long hash = Fnv64.EMPTY;

    StateMachineChain(NodeId owner, StateMachine application) {
        this.owner = owner;
        this.application = application;
    }

    /**
     * Applies one entry and returns the application's result (empty for a no-op). One command per call, so that a
     * snapshot can follow any entry.
     */
    byte[] apply(LogEntry entry) {
        if (entry.index() != appliedIndex + 1) {
            throw new InvariantViolation(Invariant.MONOTONIC_APPLY, List.of(owner),
                    "asked to apply " + entry + " after applying through " + appliedIndex);
        }
        byte[] result = NO_OP_RESULT;
        if (entry.type() == EntryType.COMMAND) {
            List<byte[]> results = application.apply(List.of(new Command(entry.index(), entry.term(), entry.data())));
            if (results.size() != 1) {
                throw InvariantViolation.application("one result per command", List.of(owner),
                        "the state machine returned " + results.size() + " results for the one command " + entry);
            }
            result = results.get(0);
        }
        hash = LogMirror.chain(hash, entry);
        appliedIndex++;
        return result;
    }

    /** A view to write later: taking it is cheap, and the state machine goes on applying meanwhile. */
    Snapshot snapshot() {
        return SnapshotBytes.framing(appliedIndex, hash, application.snapshot());
    }

    /** Replaces the state, the application's and the chain's, with a snapshot's. */
    void restore(byte[] snapshot) {
        appliedIndex = SnapshotBytes.index(snapshot);
        hash = SnapshotBytes.hash(snapshot);
        try {
            application.restore(SnapshotBytes.state(snapshot));
        } catch (IOException e) {
            throw new UncheckedIOException(owner + " could not restore a snapshot through " + appliedIndex, e);
        }
    }

    StateMachine application() {
        return application;
    }

    long appliedIndex() {
        return appliedIndex;
    }

    long hash() {
        return hash;
    }
}
