package io.github.raftkit.core.simulation;

import io.github.raftkit.api.NodeId;
import java.util.List;

/**
 * A broken invariant, with the members involved and what was seen. The simulation adds the seed and the trace.
 * Raft's invariants and the register application's are {@link Invariant}s; another application names its own with
 * {@link #application}.
 */
public final class InvariantViolation extends AssertionError {
    private static final long serialVersionUID = 1L;

    private final Invariant invariant;
    private final String name;
    private final List<NodeId> nodes;

    public InvariantViolation(Invariant invariant, List<NodeId> nodes, String detail) {
        this(invariant, invariant.name(), nodes, detail);
    }

    private InvariantViolation(Invariant invariant, String name, List<NodeId> nodes, String detail) {
        super(name + " violated at " + nodes + ": " + detail);
        this.invariant = invariant;
        this.name = name;
        this.nodes = List.copyOf(nodes);
    }

    /** An application's own invariant {@code name} (such as "one lock holder") is broken. */
    public static InvariantViolation application(String name, List<NodeId> nodes, String detail) {
        return new InvariantViolation(Invariant.APPLICATION, name, nodes, detail);
    }

    public Invariant invariant() {
        return invariant;
    }

    /** The invariant's name: an {@link Invariant}'s, or the one an application gave. */
    public String name() {
        return name;
    }

    public List<NodeId> nodes() {
        return nodes;
    }
}
