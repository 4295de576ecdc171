package io.github.raftkit.testkit.linearizability;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Records a history as clients run: {@link #invoke} when an operation is sent, then one of {@link #ok}, {@link #fail}
 * or {@link #info} when its outcome is known, or is known to be unknowable. Times come from the clock given to the
 * constructor, read under this recorder's lock, so with a clock that never repeats a value, an operation completed
 * before another was invoked is recorded as preceding it.
 *
 * <p>Completing an operation that was never invoked, or completing one twice, throws
 * {@link IllegalStateException}: the history would otherwise lie about what the client saw.
 *
 * <p>Thread-safe: clients on any threads may record at once. The clock is called under the lock and must not block.
 *
 * @param <I> an operation's input
 * @param <O> an operation's output
 */
public final class History<I, O> {
    private final LongSupplier clock;
    private final Map<Long, Operation<I, O>> operations = new LinkedHashMap<>(); // guarded by this, in id order
    private final Set<Long> open = new HashSet<>(); // guarded by this
    private long nextId = 1; // guarded by this

    public History(LongSupplier clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Records that {@code client} sent {@code input} on {@code key} now; returns the operation's id. */
    public synchronized long invoke(int client, String key, I input) {
        long id = nextId++;
        operations.put(id, new Operation<>(id, client, key, input, null, clock.getAsLong(), Long.MAX_VALUE,
                OpStatus.INFO));
        open.add(id);
        return id;
    }

    /** Records that operation {@code id} took effect and answered {@code output}. */
    public void ok(long id, O output) {
        complete(id, output, OpStatus.OK);
    }

    /** Records that operation {@code id} certainly did not take effect. */
    public void fail(long id) {
        complete(id, null, OpStatus.FAIL);
    }

    /** Records that the outcome of operation {@code id} will never be known (it may or may not have taken effect). */
    public void info(long id) {
        complete(id, null, OpStatus.INFO);
    }

    /** Every operation so far, in invocation order; those not yet completed are reported as {@link OpStatus#INFO}. */
    public synchronized List<Operation<I, O>> operations() {
        return List.copyOf(operations.values());
    }

    private synchronized void complete(long id, O output, OpStatus status) {
        if (!open.remove(id)) {
            throw new IllegalStateException(operations.containsKey(id)
                    ? "operation " + id + " was already completed as " + operations.get(id).status()
                    : "no operation " + id + " was invoked");
        }
        Operation<I, O> invoked = operations.get(id);
        operations.put(id, new Operation<>(id, invoked.client(), invoked.key(), invoked.input(), output,
                invoked.invokedAt(), clock.getAsLong(), status));
    }
}
