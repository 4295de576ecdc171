package io.github.raftkit.testkit.linearizability;

import java.util.Objects;
import java.util.Optional;

/**
 * The checker's verdict on a history. Immutable.
 *
 * @param verdict the answer
 * @param key the key the answer is about: the key found not linearizable, or the one the search gave up on; empty
 *            when the whole history is linearizable
 * @param explanation a report for a person: for {@link Verdict#NOT_LINEARIZABLE}, the key, the longest linearizable
 *                    prefix found and the operations that could not be placed after it
 */
public record CheckResult(Verdict verdict, Optional<String> key, String explanation) {

    public CheckResult {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(explanation, "explanation");
    }
}
