package io.github.raftkit.testkit.linearizability;

/** The checker's answer about a history. */
public enum Verdict {
    /** Some order of the operations, consistent with real time, explains every output. */
    LINEARIZABLE,
    /** No such order exists for at least one key. */
    NOT_LINEARIZABLE,
    /** The search ran out of its state budget on some key before reaching either answer. */
    UNKNOWN
}
