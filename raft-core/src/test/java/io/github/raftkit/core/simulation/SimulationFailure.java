package io.github.raftkit.core.simulation;

import java.util.List;

/**
 * A run that broke an invariant (or whose engine threw). The message carries everything needed to act: the seed, the
 * invariant, the members and their state, the last trace lines, and the command that replays the run.
 */
public final class SimulationFailure extends AssertionError {
    private static final long serialVersionUID = 1L;

    private final long seed;
    private final Invariant invariant;
    private final String invariantName;

    SimulationFailure(long seed, Invariant invariant, String invariantName, String detail, String replay,
                      List<String> nodeStates, List<String> trace, Throwable cause) {
        super(message(seed, invariantName, detail, replay, nodeStates, trace), cause);
        this.seed = seed;
        this.invariant = invariant;
        this.invariantName = invariantName;
    }

    public long seed() {
        return seed;
    }

    public Invariant invariant() {
        return invariant;
    }

    /** The broken invariant's name: an {@link Invariant}'s, or an application's own (see {@link Invariant#APPLICATION}). */
    public String invariantName() {
        return invariantName;
    }

    private static String message(long seed, String invariant, String detail, String replay,
                                  List<String> nodeStates, List<String> trace) {
        StringBuilder text = new StringBuilder()
                .append("simulation seed ").append(seed).append(" broke ").append(invariant).append(": ")
                .append(detail).append('\n')
                .append("replay with: ").append(replay).append('\n')
                .append("members:\n");
        nodeStates.forEach(line -> text.append("  ").append(line).append('\n'));
        text.append("last ").append(trace.size()).append(" trace lines:\n");
        trace.forEach(line -> text.append("  ").append(line).append('\n'));
        return text.toString();
    }
}
