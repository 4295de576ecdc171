package io.github.raftkit.core.runtime;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a generous deadline instead of sleeping and hoping; fails saying what never happened. */
public final class Await {
    /** Long enough for a slow CI machine; a passing test never waits this long. */
    public static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 5;

    private Await() {
    }

    /** Returns once {@code condition} holds, or fails the test after {@link #DEADLINE}. */
    public static void until(String what, BooleanSupplier condition) {
        value(what, () -> condition.getAsBoolean() ? Optional.of(true) : Optional.empty());
    }

    /** Returns the first value {@code probe} offers, or fails the test after {@link #DEADLINE}. */
    public static <T> T value(String what, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() - deadline > 0) {
                return fail("gave up after " + DEADLINE.toSeconds() + " s waiting until " + what);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail("interrupted waiting until " + what);
            }
        }
    }
}
