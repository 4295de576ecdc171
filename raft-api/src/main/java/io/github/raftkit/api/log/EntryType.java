package io.github.raftkit.api.log;

/** What a log entry carries. */
public enum EntryType {
    /** A command for the state machine. */
    COMMAND,
    /** The empty entry a new leader appends so that it can commit entries of earlier terms (§5.4.2, §8). */
    NO_OP
}
