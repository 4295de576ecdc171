package io.github.raftkit.examples.kv.resp;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A command the front end serves. Immutable.
 *
 * @param name its name in lower case
 * @param minWords the fewest words a request of it has, the name included (Redis counts arity the same way)
 * @param maxWords the most, {@link Integer#MAX_VALUE} for no limit
 * @param kind what it does to the store, which orders it among its connection's pipelined commands
 * @param handler runs it; must not block, since it runs on an event loop or on a client thread
 */
record CommandSpec(String name, int minWords, int maxWords, CommandKind kind,
                   Function<RespRequest, CompletableFuture<Reply>> handler) {

    static CommandSpec exactly(String name, int words, CommandKind kind,
                               Function<RespRequest, CompletableFuture<Reply>> handler) {
        return new CommandSpec(name, words, words, kind, handler);
    }

    static CommandSpec atLeast(String name, int words, CommandKind kind,
                               Function<RespRequest, CompletableFuture<Reply>> handler) {
        return new CommandSpec(name, words, Integer.MAX_VALUE, kind, handler);
    }

    boolean accepts(int words) {
        return words >= minWords && words <= maxWords;
    }
}
