package io.github.raftkit.examples.kv.resp;

import static io.github.raftkit.examples.kv.resp.CommandKind.READ;
import static io.github.raftkit.examples.kv.resp.CommandKind.WRITE;
import static java.util.concurrent.CompletableFuture.completedFuture;

import io.github.raftkit.examples.kv.client.KvClient;
import io.github.raftkit.examples.kv.command.Bytes;
import io.github.raftkit.examples.kv.command.KeyValue;
import io.github.raftkit.examples.kv.command.PutCondition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * The Redis commands on keys, each one call of the {@link KvClient}: {@code GET SET DEL EXISTS INCR INCRBY MGET MSET
 * DBSIZE KEYS}. Stateless but for the client; any thread, never blocks.
 */
final class KeyValueCommands {
    /** Keys asked for per read while {@code KEYS} pages through a pattern's matches. */
    static final int KEYS_PAGE = 256;
    /** A decimal 64-bit integer as Redis reads one: no sign but {@code -}, no leading zeros. */
    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]{0,18})");

    private final KvClient kv;
    private final int maxKeys;

    /**
     * @param kv the client, already reading with the consistency the server was configured for
     * @param maxKeys the most keys one {@code KEYS} answers
     */
    KeyValueCommands(KvClient kv, int maxKeys) {
        this.kv = kv;
        this.maxKeys = maxKeys;
    }

    List<CommandSpec> specs() {
        return List.of(
                CommandSpec.exactly("get", 2, READ, this::get),
                CommandSpec.atLeast("set", 3, WRITE, this::set),
                CommandSpec.atLeast("del", 2, WRITE,
                        request -> kv.deleteAsync(request.rest(1)).thenApply(result -> number(result.deleted()))),
                CommandSpec.atLeast("exists", 2, READ,
                        request -> kv.existsAsync(request.rest(1)).thenApply(KeyValueCommands::number)),
                CommandSpec.exactly("incr", 2, WRITE, request -> increment(request.argument(1), 1)),
                CommandSpec.exactly("incrby", 3, WRITE, this::incrementBy),
                CommandSpec.atLeast("mget", 2, READ, this::getAll),
                CommandSpec.atLeast("mset", 3, WRITE, this::putAll),
                CommandSpec.exactly("dbsize", 1, READ, request -> kv.countAsync().thenApply(KeyValueCommands::number)),
                CommandSpec.exactly("keys", 2, READ,
                        request -> keys(request.argument(1), Optional.empty(), new ArrayList<>())));
    }

    private CompletableFuture<Reply> get(RespRequest request) {
        return kv.getAsync(request.argument(1)).thenApply(KeyValueCommands::value);
    }

    /** {@code SET key value [NX|XX]}: {@code +OK}, or nil when the condition did not hold, as in Redis. */
    private CompletableFuture<Reply> set(RespRequest request) {
        PutCondition condition = PutCondition.ALWAYS;
        for (Bytes option : request.rest(3)) {
            String name = option.toString().toUpperCase(Locale.ROOT);
            switch (name) {
                case "NX", "XX" -> {
                    if (condition != PutCondition.ALWAYS) {
                        return error("ERR syntax error");
                    }
                    condition = name.equals("NX") ? PutCondition.IF_ABSENT : PutCondition.IF_PRESENT;
                }
                case "EX", "PX", "EXAT", "PXAT", "KEEPTTL" -> {
                    return error("ERR SET option '" + name + "' is not supported: keys never expire in this store");
                }
                case "GET" -> {
                    return error("ERR SET option 'GET' is not supported");
                }
                default -> {
                    return error("ERR syntax error");
                }
            }
        }
        return kv.putAsync(request.argument(1), request.argument(2), condition)
                .thenApply(result -> result.written() ? Reply.OK : Reply.NIL);
    }

    private CompletableFuture<Reply> incrementBy(RespRequest request) {
        String delta = request.argument(2).toString();
        if (!INTEGER.matcher(delta).matches()) {
            return error(ErrorReplies.NOT_AN_INTEGER);
        }
        try {
            return increment(request.argument(1), Long.parseLong(delta));
        } catch (NumberFormatException beyondRange) {
            return error(ErrorReplies.NOT_AN_INTEGER);
        }
    }

    private CompletableFuture<Reply> increment(Bytes key, long delta) {
        return kv.incrementAsync(key, delta).thenApply(result -> number(result.value()));
    }

    private CompletableFuture<Reply> getAll(RespRequest request) {
        return kv.getAllAsync(request.rest(1)).thenApply(entries ->
                new Reply.Array(entries.stream().map(KeyValueCommands::value).toList()));
    }

    /** {@code MSET key value [key value ...]}, atomic; a key named twice keeps its last value, as in Redis. */
    private CompletableFuture<Reply> putAll(RespRequest request) {
        if (request.size() % 2 != 1) {
            return completedFuture(CommandTable.wrongArity("mset"));
        }
        Map<Bytes, Bytes> pairs = new LinkedHashMap<>();
        for (int i = 1; i < request.size(); i += 2) {
            pairs.put(request.argument(i), request.argument(i + 1));
        }
        return kv.putAllAsync(pairs).thenApply(revision -> Reply.OK);
    }

    /**
     * {@code KEYS pattern}: reads page after page until the matches run out. The pages are separate reads, so keys
     * written meanwhile may or may not appear; a pattern matching more than {@code maxKeys} is an error rather than a
     * reply the server would have to hold whole.
     */
    private CompletableFuture<Reply> keys(Bytes pattern, Optional<Bytes> after, List<Bytes> found) {
        int page = Math.min(KEYS_PAGE, maxKeys + 1 - found.size());
        return kv.keysAsync(pattern, after, page).thenCompose(result -> {
            found.addAll(result.keys());
            if (found.size() > maxKeys) {
                return error("ERR KEYS matched more than " + maxKeys
                        + " keys, the limit of this server; use a narrower pattern");
            }
            if (!result.more() || result.keys().isEmpty()) {
                return completedFuture(new Reply.Array(found.stream().<Reply>map(Reply.Bulk::new).toList()));
            }
            return keys(pattern, Optional.of(found.get(found.size() - 1)), found);
        });
    }

    private static Reply value(Optional<KeyValue> entry) {
        return entry.<Reply>map(found -> new Reply.Bulk(found.value())).orElse(Reply.NIL);
    }

    private static Reply number(long value) {
        return new Reply.Number(value);
    }

    private static CompletableFuture<Reply> error(String text) {
        return completedFuture(new Reply.Error(text));
    }
}
