package io.github.raftkit.testkit.linearizability;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Wing–Gong–Lowe search for a linearization of one key's operations. It walks the {@link EntryList}: at a call
 * entry it tries to take that operation next (the model must accept its output), lifting it from the list and pushing
 * it on a stack; at a return entry it has found no operation to take before one that had already returned, so it
 * pops the last choice and tries the next candidate instead. Every (set of taken operations, state) pair reached is
 * remembered, and a choice leading to one seen before is skipped: the rest of the search from there failed already
 * (Lowe's memoisation, which makes histories of many concurrent operations tractable). Before trying candidates in
 * time order, a read-only candidate whose output fits is placed first and for good ({@link Model#readOnly}): if the
 * rest fails after it, nothing else is tried from there. Without that, one read that must precede a burst of
 * concurrent writes costs a search through every subset of the writes placed before it. Not thread-safe; one search
 * per run.
 */
final class KeySearch<S, I, O> {

    /** How a key's search ended. */
    sealed interface Outcome<I, O> {
    }

    /** Every determinate operation was placed; the indeterminate ones left over may never have taken effect. */
    record Linearized<I, O>(long states) implements Outcome<I, O> {
    }

    /**
     * No order works. {@code prefix} is the longest sequence the search could place, {@code state} the model's state
     * after it, and {@code unplaceable} the operations that were candidates to go next and failed, at least one of
     * which had already returned.
     */
    record Stuck<I, O>(List<Operation<I, O>> prefix, String state, List<Operation<I, O>> unplaceable, long states)
            implements Outcome<I, O> {
    }

    /** The state budget ran out first. */
    record Exhausted<I, O>(long states) implements Outcome<I, O> {
    }

    /** A placement on the stack; a {@code forced} one (a read-only operation) has no alternatives to try. */
    private record Choice<S>(EntryList.Entry call, S stateBefore, boolean forced) {
    }

    private record Memo<S>(BitSet placed, S state) {
    }

    private final Model<S, I, O> model;
    private final List<Operation<I, O>> ops;
    private final long maxStates;
    private Stuck<I, O> deepest;

    KeySearch(Model<S, I, O> model, List<Operation<I, O>> ops, long maxStates) {
        this.model = model;
        this.ops = ops;
        this.maxStates = maxStates;
    }

    Outcome<I, O> run() {
        EntryList entries = new EntryList(ops);
        Deque<Choice<S>> stack = new ArrayDeque<>();
        Set<Memo<S>> seen = new HashSet<>();
        BitSet placed = new BitSet(ops.size());
        S state = model.initial();
        long determinateLeft = ops.stream().filter(op -> op.status() != OpStatus.INFO).count();
        EntryList.Entry entry = entries.first();
        boolean fresh = true; // at a configuration just reached, where a read-only candidate may be forced
        while (determinateLeft > 0) {
            boolean backtrack = false;
            if (fresh) {
                fresh = false;
                EntryList.Entry reader = fittingReader(entries.first(), state);
                if (reader != null) {
                    if (!remember(seen, placed, reader.op, state)) {
                        backtrack = true; // placed first, it failed before: so does this configuration
                    } else if (seen.size() > maxStates) {
                        return new Exhausted<>(seen.size());
                    } else {
                        stack.push(new Choice<>(reader, state, true));
                        determinateLeft -= ops.get(reader.op).status() == OpStatus.INFO ? 0 : 1;
                        entries.lift(reader);
                        entry = entries.first();
                        fresh = true;
                        continue;
                    }
                }
            }
            if (!backtrack && entry.call) {
                Operation<I, O> op = ops.get(entry.op);
                Optional<S> next = model.step(state, op.input(), op.output());
                if (next.isPresent() && remember(seen, placed, entry.op, next.get())) {
                    if (seen.size() > maxStates) {
                        return new Exhausted<>(seen.size());
                    }
                    stack.push(new Choice<>(entry, state, false));
                    state = next.get();
                    determinateLeft -= op.status() == OpStatus.INFO ? 0 : 1;
                    entries.lift(entry);
                    entry = entries.first();
                    fresh = true;
                } else {
                    entry = entry.next();
                }
                continue;
            }
            if (!backtrack) {
                noteIfDeepest(stack, state, entries.first(), entry);
            }
            Choice<S> undone;
            do {
                if (stack.isEmpty()) {
                    return new Stuck<>(deepest.prefix(), deepest.state(), deepest.unplaceable(), seen.size());
                }
                undone = stack.pop();
                state = undone.stateBefore();
                placed.clear(undone.call().op);
                determinateLeft += ops.get(undone.call().op).status() == OpStatus.INFO ? 0 : 1;
                entries.unlift(undone.call());
            } while (undone.forced());
            entry = undone.call().next();
        }
        return new Linearized<>(seen.size());
    }

    /** The first candidate (a call before the first return) that is read-only and whose output fits {@code state}. */
    private EntryList.Entry fittingReader(EntryList.Entry first, S state) {
        for (EntryList.Entry e = first; e != null && e.call; e = e.next()) {
            Operation<I, O> op = ops.get(e.op);
            if (model.readOnly(op.input()) && model.step(state, op.input(), op.output()).isPresent()) {
                return e;
            }
        }
        return null;
    }

    /** Marks {@code op} placed if (placed + op, state) is new; otherwise leaves {@code placed} as it was. */
    private boolean remember(Set<Memo<S>> seen, BitSet placed, int op, S state) {
        placed.set(op);
        if (seen.add(new Memo<>((BitSet) placed.clone(), state))) {
            return true;
        }
        placed.clear(op);
        return false;
    }

    /** Keeps the longest prefix reached, and the candidates that failed after it (the calls before {@code ret}). */
    private void noteIfDeepest(Deque<Choice<S>> stack, S state, EntryList.Entry first, EntryList.Entry ret) {
        if (deepest != null && stack.size() <= deepest.prefix().size()) {
            return;
        }
        List<Operation<I, O>> prefix = new ArrayList<>(stack.size());
        stack.descendingIterator().forEachRemaining(choice -> prefix.add(ops.get(choice.call().op)));
        List<Operation<I, O>> candidates = new ArrayList<>();
        for (EntryList.Entry e = first; e != ret; e = e.next()) {
            candidates.add(ops.get(e.op));
        }
        deepest = new Stuck<>(prefix, String.valueOf(state), candidates, 0);
    }
}
