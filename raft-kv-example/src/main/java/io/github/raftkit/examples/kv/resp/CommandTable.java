package io.github.raftkit.examples.kv.resp;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Finds a request's command, checks its arity, and runs it in its connection's {@link CommandOrder}. Every future it
 * returns completes normally: failures become {@code -ERR} replies here. Immutable after construction; any thread.
 */
final class CommandTable {
    /** Redis cuts a name it echoes in an error, so a long garbage line does not come back whole. */
    private static final int ECHOED_NAME_CHARS = 128;

    private final Map<String, CommandSpec> commands = new HashMap<>();

    CommandTable(List<CommandSpec> specs) {
        for (CommandSpec spec : specs) {
            if (commands.putIfAbsent(spec.name(), spec) != null) {
                throw new IllegalArgumentException("command " + spec.name() + " is defined twice");
            }
        }
    }

    CompletableFuture<Reply> dispatch(RespRequest request, CommandOrder order) {
        CommandSpec spec = commands.get(request.name());
        if (spec == null) {
            // As the client spelt it; Bytes prints anything but printable ASCII in hex.
            String name = request.argument(0).toString();
            String echoed = name.length() <= ECHOED_NAME_CHARS ? name : name.substring(0, ECHOED_NAME_CHARS) + "...";
            return CompletableFuture.completedFuture(new Reply.Error("ERR unknown command '" + echoed + "'"));
        }
        if (!spec.accepts(request.size())) {
            return CompletableFuture.completedFuture(wrongArity(spec.name()));
        }
        return order.submit(spec.kind(), () -> run(spec, request));
    }

    static Reply.Error wrongArity(String command) {
        return new Reply.Error("ERR wrong number of arguments for '" + command + "' command");
    }

    private static CompletableFuture<Reply> run(CommandSpec spec, RespRequest request) {
        try {
            return spec.handler().apply(request).exceptionally(ErrorReplies::of);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(ErrorReplies.of(e));
        }
    }
}
