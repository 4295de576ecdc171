package io.github.raftkit.transport.netty;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a generous deadline instead of sleeping and hoping. */
public final class Eventually {
    /** Long enough for a loaded two-core machine; a passing test returns as soon as the condition holds. */
    public static final Duration DEADLINE = Duration.ofSeconds(20);

    private Eventually() {
    }

    /** Polls {@code condition} until it holds, or fails with {@code what} and the last state. */
    public static void await(String what, BooleanSupplier condition) {
        await(what, condition, () -> "");
    }

    /** As {@link #await(String, BooleanSupplier)}, describing the state on failure. */
    public static void await(String what, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + DEADLINE + ": " + what + " " + state.get());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
