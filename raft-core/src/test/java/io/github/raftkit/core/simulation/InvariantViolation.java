package io.github.raftkit.core.simulation;

import io.github.raftkit.api.NodeId;
import java.util.List;

/** A broken invariant, with the members involved and what was seen. The simulation adds the seed and the trace. */
public final class InvariantViolation extends AssertionError {
    private static final long serialVersionUID = 1L;

    private final Invariant invariant;
    private final List<NodeId> nodes;

    public InvariantViolation(Invariant invariant, List<NodeId> nodes, String detail) {
        super(invariant + " violated at " + nodes + ": " + detail);
        this.invariant = invariant;
        this.nodes = List.copyOf(nodes);
    }

    public Invariant invariant() {
        return invariant;
    }

    public List<NodeId> nodes() {
        return nodes;
    }
}
