package io.github.raftkit.testkit.linearizability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

/** Assertions on a {@link CheckResult} that show the checker's explanation when they fail. */
final class Verdicts {
    private Verdicts() {
    }

    static void assertLinearizable(CheckResult result) {
        assertEquals(Verdict.LINEARIZABLE, result.verdict(), result.explanation());
        assertEquals(Optional.empty(), result.key());
    }

    static void assertNotLinearizable(CheckResult result) {
        assertEquals(Verdict.NOT_LINEARIZABLE, result.verdict(), result.explanation());
    }
}
