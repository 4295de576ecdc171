package io.github.raftkit.testkit.linearizability;

import java.util.Optional;

/**
 * The sequential specification of an object: what one copy of it does, one operation at a time. The checker asks
 * whether a history's operations can be ordered so that this specification explains every output.
 *
 * <p>Implementations must be pure and deterministic, and their states immutable values with {@code equals} and
 * {@code hashCode}: the checker memoises on states and compares them. A check calls the model from the checking
 * thread only, but one model may serve several checks on several threads at once, so it must hold no mutable state.
 *
 * @param <S> the object's state
 * @param <I> an operation's input
 * @param <O> an operation's output
 */
public interface Model<S, I, O> {

    /** The state before any operation. */
    S initial();

    /**
     * The state after applying input that produced output, or {@code Optional.empty()} if that output is impossible
     * from state. For {@link OpStatus#INFO} operations output is {@code null}: the step must accept any output, that
     * is, return the state the input leads to whatever it answered.
     */
    Optional<S> step(S state, I input, O output);

    /**
     * Whether {@code input} leaves every state as it was (a read). The checker places such an operation as soon as
     * it may and its output fits, without trying it later: moving an operation that changes nothing to the front of
     * what remains breaks no real-time order and changes no other operation's state, so if any order works, one with it
     * there does. Answering {@code true} for an input that changes state makes the checker unsound; the default,
     * {@code false}, is always safe, only slower on histories with many reads among concurrent writes.
     */
    default boolean readOnly(I input) {
        return false;
    }

    /** A person's reading of one operation, for the checker's explanations; {@code output} may be {@code null}. */
    default String describe(I input, O output) {
        return input + " -> " + (output == null ? "?" : output);
    }
}
