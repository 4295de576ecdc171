package io.github.raftkit.testkit.linearizability;

import java.util.Optional;

/**
 * A register per key holding a {@code long}; a key never written holds 0. Reads answer the value, writes answer
 * nothing (their output is ignored and may be {@code null}), and a compare-and-set answers 1 if it swapped and 0 if
 * not. Stateless and thread-safe.
 */
public final class RegisterModel implements Model<Long, RegisterModel.Input, Long> {

    /** What a client asks of a register. */
    public sealed interface Input permits Write, Read, Cas {
    }

    /** Sets the register to {@code value}. */
    public record Write(long value) implements Input {
    }

    /** Answers the register's value. */
    public record Read() implements Input {
    }

    /** Sets the register to {@code next} if it holds {@code expected}; answers 1 if it did, 0 if not. */
    public record Cas(long expected, long next) implements Input {
    }

    /** The output of a compare-and-set that swapped. */
    public static final long SWAPPED = 1;
    /** The output of a compare-and-set that found another value. */
    public static final long NOT_SWAPPED = 0;

    @Override
    public Long initial() {
        return 0L;
    }

    @Override
    public Optional<Long> step(Long state, Input input, Long output) {
        if (input instanceof Write write) {
            return Optional.of(write.value());
        }
        if (input instanceof Read) {
            return output == null || output.equals(state) ? Optional.of(state) : Optional.empty();
        }
        Cas cas = (Cas) input;
        boolean matches = state == cas.expected();
        if (output == null) {
            return Optional.of(matches ? cas.next() : state);
        }
        if (output != SWAPPED && output != NOT_SWAPPED) {
            throw new IllegalArgumentException("a compare-and-set answers " + SWAPPED + " or " + NOT_SWAPPED
                    + ", not " + output);
        }
        return matches == (output == SWAPPED) ? Optional.of(matches ? cas.next() : state) : Optional.empty();
    }

    @Override
    public boolean readOnly(Input input) {
        return input instanceof Read;
    }

    @Override
    public String describe(Input input, Long output) {
        String answer = output == null ? "?" : String.valueOf(output);
        if (input instanceof Write write) {
            return "write " + write.value();
        }
        if (input instanceof Read) {
            return "read " + answer;
        }
        Cas cas = (Cas) input;
        String swapped = output == null ? "?" : output == SWAPPED ? "swapped" : "not swapped";
        return "cas " + cas.expected() + " -> " + cas.next() + ": " + swapped;
    }
}
