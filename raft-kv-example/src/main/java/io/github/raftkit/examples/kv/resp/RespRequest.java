package io.github.raftkit.examples.kv.resp;

import io.github.raftkit.examples.kv.command.Bytes;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.redis.ArrayRedisMessage;
import io.netty.handler.codec.redis.FullBulkStringRedisMessage;
import io.netty.handler.codec.redis.InlineCommandRedisMessage;
import io.netty.handler.codec.redis.RedisMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One command as a client sent it: its name and arguments as byte strings, copied out of Netty's buffers so that the
 * request outlives them. Immutable.
 *
 * @param arguments the command's name, then its arguments; never empty
 */
record RespRequest(List<Bytes> arguments) {
    RespRequest {
        arguments = List.copyOf(arguments);
        if (arguments.isEmpty()) {
            throw new IllegalArgumentException("a request has at least its command's name");
        }
    }

    /**
     * The request a decoded message carries, or empty for one that carries none: an empty array or a blank inline
     * line, which Redis ignores too. {@link RequestGuard} already refused anything but arrays of bulk strings.
     */
    static Optional<RespRequest> from(RedisMessage message) {
        List<Bytes> arguments = new ArrayList<>();
        if (message instanceof InlineCommandRedisMessage inline) {
            Arrays.stream(inline.content().split("[ \t]+")).filter(word -> !word.isEmpty())
                    .map(Bytes::utf8).forEach(arguments::add);
        } else if (message instanceof ArrayRedisMessage array) {
            for (RedisMessage child : array.children()) {
                arguments.add(Bytes.of(ByteBufUtil.getBytes(((FullBulkStringRedisMessage) child).content())));
            }
        }
        return arguments.isEmpty() ? Optional.empty() : Optional.of(new RespRequest(arguments));
    }

    /** The command's name in lower case, as the command table and error messages spell it. */
    String name() {
        return arguments.get(0).toString().toLowerCase(Locale.ROOT);
    }

    /** How many words the request has, its name included (Redis's arity counts the same way). */
    int size() {
        return arguments.size();
    }

    Bytes argument(int index) {
        return arguments.get(index);
    }

    /** The arguments from index {@code from} on (the name is index 0). */
    List<Bytes> rest(int from) {
        return arguments.subList(from, arguments.size());
    }

    /** The bytes of every argument, what this request holds in memory until it is answered. */
    long bytes() {
        return arguments.stream().mapToLong(Bytes::length).sum();
    }
}
