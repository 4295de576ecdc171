package io.github.raftkit.examples.kv.resp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.redis.ArrayHeaderRedisMessage;
import io.netty.handler.codec.redis.BulkStringHeaderRedisMessage;
import io.netty.handler.codec.redis.BulkStringRedisContent;
import io.netty.handler.codec.redis.FullBulkStringRedisMessage;
import io.netty.handler.codec.redis.InlineCommandRedisMessage;
import io.netty.handler.codec.redis.LastBulkStringRedisContent;
import io.netty.handler.codec.redis.RedisCodecException;
import io.netty.util.ReferenceCountUtil;
import java.util.Optional;

/**
 * Sits between Netty's {@code RedisDecoder} and its aggregators, and refuses a command by its headers, before the
 * aggregators buffer its bytes: more than {@link RespSettings#maxArguments()} arguments, more than
 * {@link RespSettings#maxRequestBytes()} bytes in all, or anything but an array of bulk strings or an inline line
 * (RESP's commands are nothing else). The decoder alone would buffer a bulk string of up to 512 MiB.
 *
 * <p>A refusal goes down the pipeline as a {@link RedisCodecException}, which the connection answers with a protocol
 * error before it closes; everything read after it is dropped. One per connection, on its event loop.
 */
final class RequestGuard extends ChannelInboundHandlerAdapter {
    private final RespSettings settings;
    /** Arguments of the current command still to come; 0 between commands. */
    private long argumentsLeft;
    private long commandBytes;
    private boolean refused;

    RequestGuard(RespSettings settings) {
        this.settings = settings;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (refused) {
            ReferenceCountUtil.release(message);
            return;
        }
        Optional<String> violation = argumentsLeft == 0 ? startOfCommand(message) : partOfCommand(message);
        if (violation.isPresent()) {
            refused = true;
            ReferenceCountUtil.release(message);
            ctx.fireExceptionCaught(new RedisCodecException(violation.get()));
            return;
        }
        ctx.fireChannelRead(message);
    }

    private Optional<String> startOfCommand(Object message) {
        if (message instanceof InlineCommandRedisMessage) {
            return Optional.empty();
        }
        if (message instanceof ArrayHeaderRedisMessage header) {
            if (header.length() > settings.maxArguments()) {
                return Optional.of("a command of " + header.length() + " arguments, more than the limit of "
                        + settings.maxArguments());
            }
            argumentsLeft = Math.max(header.length(), 0);
            commandBytes = 0;
            return Optional.empty();
        }
        return Optional.of("expected an array of bulk strings or an inline command, got " + kind(message));
    }

    private Optional<String> partOfCommand(Object message) {
        if (message instanceof BulkStringHeaderRedisMessage header) {
            commandBytes += header.bulkStringLength();
            if (commandBytes > settings.maxRequestBytes()) {
                return Optional.of("a command of more than " + settings.maxRequestBytes()
                        + " bytes, the limit of this server");
            }
            return Optional.empty();
        }
        if (message instanceof FullBulkStringRedisMessage full && full.isNull()) {
            return Optional.of("a null bulk string is not an argument");
        }
        if (message instanceof LastBulkStringRedisContent) {
            argumentsLeft--;
            return Optional.empty();
        }
        if (message instanceof BulkStringRedisContent) {
            return Optional.empty();
        }
        return Optional.of("expected a bulk string, got " + kind(message));
    }

    private static String kind(Object message) {
        return message.getClass().getSimpleName().replace("RedisMessage", "").replace("Header", "");
    }
}
