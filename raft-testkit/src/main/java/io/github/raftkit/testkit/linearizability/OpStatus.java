package io.github.raftkit.testkit.linearizability;

/** What the client learned about an operation's outcome. */
public enum OpStatus {
    /** It took effect, and the client saw its output. */
    OK,
    /** It certainly did not take effect (refused before anything happened); the checker drops it. */
    FAIL,
    /**
     * Indeterminate: the client never learned the outcome (a timeout, a crash, a lost leader). It may have taken
     * effect at any instant after its invocation, or never, so its return time counts as +infinity.
     */
    INFO
}
