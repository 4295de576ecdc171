package io.github.raftkit.examples.kv.resp;

import static io.github.raftkit.examples.kv.resp.CommandKind.LOCAL;
import static java.util.concurrent.CompletableFuture.completedFuture;

import io.github.raftkit.examples.kv.command.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The commands the front end answers without the store: {@code PING ECHO INFO QUIT}, and {@code CONFIG GET} for the
 * two settings {@code redis-benchmark} asks for when it starts. Any thread, never blocks.
 */
final class ServerCommands {
    /**
     * What {@code CONFIG GET} knows. redis-benchmark asks for these two and warns when it cannot fetch them; they are
     * Redis's own persistence switches, off here because durability comes from the Raft log instead.
     */
    private static final Map<String, String> CONFIG = Map.of("save", "", "appendonly", "no");

    private final InfoReport info;

    ServerCommands(InfoReport info) {
        this.info = info;
    }

    List<CommandSpec> specs() {
        return List.of(
                new CommandSpec("ping", 1, 2, LOCAL, request -> completedFuture(request.size() == 1
                        ? new Reply.Status("PONG") : new Reply.Bulk(request.argument(1)))),
                CommandSpec.exactly("echo", 2, LOCAL, request -> completedFuture(new Reply.Bulk(request.argument(1)))),
                CommandSpec.atLeast("info", 1, LOCAL, request -> completedFuture(new Reply.Bulk(Bytes.utf8(
                        info.render(request.rest(1).stream().map(Bytes::toString).toList()))))),
                CommandSpec.atLeast("quit", 1, LOCAL, request -> completedFuture(new Reply.Closing(Reply.OK))),
                CommandSpec.atLeast("config", 2, LOCAL, ServerCommands::config));
    }

    private static CompletableFuture<Reply> config(RespRequest request) {
        String subcommand = request.argument(1).toString().toLowerCase(Locale.ROOT);
        if (!subcommand.equals("get")) {
            return completedFuture(new Reply.Error("ERR CONFIG " + subcommand.toUpperCase(Locale.ROOT)
                    + " is not supported; only CONFIG GET save and appendonly are answered"));
        }
        if (request.size() < 3) {
            return completedFuture(CommandTable.wrongArity("config|get"));
        }
        List<Reply> pairs = new ArrayList<>();
        for (Bytes parameter : request.rest(2)) {
            String name = parameter.toString().toLowerCase(Locale.ROOT);
            String value = CONFIG.get(name);
            if (value != null) {
                pairs.add(new Reply.Bulk(Bytes.utf8(name)));
                pairs.add(new Reply.Bulk(Bytes.utf8(value)));
            }
        }
        return completedFuture(new Reply.Array(pairs));
    }
}
