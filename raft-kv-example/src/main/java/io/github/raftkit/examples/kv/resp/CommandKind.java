package io.github.raftkit.examples.kv.resp;

/** What a command does to the store, which decides what it must wait for on its connection ({@link CommandOrder}). */
enum CommandKind {
    /** Reads the store: {@code GET}, {@code KEYS}, ... */
    READ,
    /** Changes the store: {@code SET}, {@code INCR}, ... */
    WRITE,
    /** Answered by the front end alone: {@code PING}, {@code INFO}, ... */
    LOCAL
}
