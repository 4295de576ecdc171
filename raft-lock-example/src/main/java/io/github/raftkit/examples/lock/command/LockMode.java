package io.github.raftkit.examples.lock.command;

/** How a lock is held: by one session alone, or by any number of readers together. */
public enum LockMode {
    /** One holder at a time: a writer. */
    EXCLUSIVE,
    /** Any number of holders at once, none of them exclusive: readers. */
    SHARED
}
