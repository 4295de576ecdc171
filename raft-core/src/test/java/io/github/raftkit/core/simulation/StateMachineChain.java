package io.github.raftkit.core.simulation;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.log.EntryType;
import io.github.raftkit.api.log.LogEntry;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The replicated state machine of a simulated member: registers that clients' commands write ({@link RegisterCommand}),
 * and a hash chain of every applied entry, the same chain as a log's prefix hash, so two replicas that applied the
 * same entries hold the same hash. Its snapshot is the index it covers, that hash and the registers. After a restart
 * it starts from the newest snapshot (or empty), because commit and apply progress are volatile and the entries after
 * it are applied again.
 */
final class StateMachineChain {
    private final NodeId owner;
    private final Map<Integer, Long> registers = new TreeMap<>();
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
        if (entry.type() == EntryType.COMMAND) {
            RegisterCommand command = RegisterCommand.decode(entry.data());
            registers.put(command.key(), command.value());
        }
        hash = LogMirror.chain(hash, entry);
        appliedIndex++;
    }

    /** The snapshot's bytes: taking one is cheap, and the state machine goes on applying meanwhile. */
    byte[] snapshot() {
        return SnapshotBytes.encode(appliedIndex, hash, registers);
    }

    /** Replaces the state with a snapshot's. */
    void restore(byte[] snapshot) {
        appliedIndex = SnapshotBytes.index(snapshot);
        hash = SnapshotBytes.hash(snapshot);
        registers.clear();
        registers.putAll(SnapshotBytes.registers(snapshot));
    }

    /** A register's value; 0 until a command writes it. */
    long register(int key) {
        return registers.getOrDefault(key, 0L);
    }

    long appliedIndex() {
        return appliedIndex;
    }

    long hash() {
        return hash;
    }
}
