package io.github.raftkit.testkit.linearizability;

import java.util.ArrayList;
import java.util.List;

/**
 * A history written by hand as a timeline: each line is one client's operation with the times it was invoked and
 * returned, on key "x" until {@link #on} names another. Subclasses give each kind of operation a line that reads like
 * the model's vocabulary; this class numbers the operations and runs the check.
 *
 * @param <I> the model's input
 * @param <O> the model's output
 * @param <T> the subclass, so that every line returns it and a timeline reads as one chain
 */
abstract class Timeline<I, O, T extends Timeline<I, O, T>> {
    /** A budget that every hand-written history stays far below; reaching it means the test is wrong. */
    static final long BUDGET = 100_000;

    private final List<Operation<I, O>> ops = new ArrayList<>();
    private String key = "x";

    /** The model the timeline's operations are checked against. */
    abstract Model<?, I, O> model();

    /** This timeline as its own type, for the chain. */
    abstract T self();

    T on(String key) {
        this.key = key;
        return self();
    }

    List<Operation<I, O>> operations() {
        return List.copyOf(ops);
    }

    CheckResult check() {
        return LinearizabilityChecker.check(model(), operations(), BUDGET);
    }

    T add(int client, I input, O output, long invoked, long returned, OpStatus status) {
        ops.add(new Operation<>(ops.size() + 1, client, key, input, output, invoked, returned, status));
        return self();
    }
}
