package io.github.raftkit.testkit.linearizability;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides whether a history is linearizable with respect to a {@link Model}. Failed operations ({@link OpStatus#FAIL})
 * are dropped first, since they certainly did not happen; the rest are split by key, because a linearizable object
 * made of independent keys is linearizable exactly when each key's sub-history is (Herlihy and Wing's locality), and
 * each key is searched on its own with {@link KeySearch}. Keys are checked in sorted order, so the report is the same
 * from run to run.
 *
 * <p>Stateless: {@link #check} may be called from any thread, any number of times at once, provided the history is not
 * modified meanwhile.
 */
public final class LinearizabilityChecker {
    private LinearizabilityChecker() {
    }

    /**
     * Checks {@code history}, exploring at most {@code maxStatesPerKey} distinct (operations placed, state) pairs on
     * each key; a key that needs more gives {@link Verdict#UNKNOWN} rather than a long wait. A key found not
     * linearizable ends the check at once with {@link Verdict#NOT_LINEARIZABLE}, even if an earlier key was unknown.
     *
     * @throws IllegalArgumentException if two operations share an id or the budget is not positive
     */
    public static <S, I, O> CheckResult check(Model<S, I, O> model, List<Operation<I, O>> history,
                                              long maxStatesPerKey) {
        Objects.requireNonNull(model, "model");
        if (maxStatesPerKey <= 0) {
            throw new IllegalArgumentException("maxStatesPerKey must be positive, not " + maxStatesPerKey);
        }
        Map<String, List<Operation<I, O>>> byKey = partition(history);
        CheckResult unknown = null;
        long states = 0;
        for (Map.Entry<String, List<Operation<I, O>>> key : byKey.entrySet()) {
            KeySearch.Outcome<I, O> outcome = new KeySearch<>(model, key.getValue(), maxStatesPerKey).run();
            if (outcome instanceof KeySearch.Stuck<I, O> stuck) {
                return new CheckResult(Verdict.NOT_LINEARIZABLE, Optional.of(key.getKey()),
                        explain(model, key.getKey(), key.getValue().size(), stuck));
            } else if (outcome instanceof KeySearch.Exhausted<I, O> exhausted && unknown == null) {
                unknown = new CheckResult(Verdict.UNKNOWN, Optional.of(key.getKey()), "key \"" + key.getKey()
                        + "\": gave up after " + exhausted.states() + " states (the budget is " + maxStatesPerKey
                        + " per key) among its " + key.getValue().size() + " operations; raise the budget or check a"
                        + " shorter history");
            } else if (outcome instanceof KeySearch.Linearized<I, O> linearized) {
                states += linearized.states();
            }
        }
        if (unknown != null) {
            return unknown;
        }
        int checked = byKey.values().stream().mapToInt(List::size).sum();
        return new CheckResult(Verdict.LINEARIZABLE, Optional.empty(), "all " + checked + " operations on "
                + byKey.size() + " keys are linearizable (" + (history.size() - checked) + " failed ones dropped, "
                + states + " states explored)");
    }

    private static <I, O> Map<String, List<Operation<I, O>>> partition(List<Operation<I, O>> history) {
        Set<Long> ids = new HashSet<>();
        Map<String, List<Operation<I, O>>> byKey = new TreeMap<>();
        for (Operation<I, O> op : history) {
            if (!ids.add(op.id())) {
                throw new IllegalArgumentException("two operations have id " + op.id());
            }
            if (op.status() != OpStatus.FAIL) {
                byKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
            }
        }
        return byKey;
    }

    private static <S, I, O> String explain(Model<S, I, O> model, String key, int operations,
                                            KeySearch.Stuck<I, O> stuck) {
        StringBuilder text = new StringBuilder()
                .append("key \"").append(key).append("\": no order of its ").append(operations)
                .append(" operations explains every output (").append(stuck.states()).append(" states explored).\n")
                .append("The longest linearizable prefix found places ").append(stuck.prefix().size())
                .append(" of them, in this order:\n");
        stuck.prefix().forEach(op -> text.append("  ").append(describe(model, op)).append('\n'));
        text.append("after which the state is ").append(stuck.state())
                .append(", and none of these can take effect next:\n");
        stuck.unplaceable().forEach(op -> text.append("  ").append(describe(model, op)).append('\n'));
        return text.toString();
    }

    private static <S, I, O> String describe(Model<S, I, O> model, Operation<I, O> op) {
        String returned = op.status() == OpStatus.INFO ? "never returned" : String.valueOf(op.returnedAt());
        return "#" + op.id() + " client " + op.client() + " [" + op.invokedAt() + ", " + returned + "] "
                + model.describe(op.input(), op.output());
    }
}
