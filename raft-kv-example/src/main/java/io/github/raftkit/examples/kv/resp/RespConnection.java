package io.github.raftkit.examples.kv.resp;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CodecException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.redis.RedisMessage;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one Redis connection: runs each command as it is decoded, so that a pipeline's commands are in flight
 * through consensus together, and writes the replies in request order, flushing them in batches. At
 * {@link RespSettings#maxInFlight()} unanswered commands (or their bytes), or while the socket cannot take more
 * replies, it stops reading from the socket until replies drain: a fast writer is slowed down, never dropped.
 *
 * <p>Decoding and writing happen on the connection's event loop; replies complete on the client's threads and hand
 * the writing back to the event loop, at most one task at a time.
 */
final class RespConnection extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(RespConnection.class);

    private final CommandTable commands;
    private final RespSettings settings;
    private final PendingReplies pending = new PendingReplies();
    private final CommandOrder order = new CommandOrder();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private ChannelHandlerContext context;
    /** After {@code QUIT} or a protocol error: nothing more is read or run, the replies before it still go out. */
    private boolean closing;

    RespConnection(CommandTable commands, RespSettings settings) {
        this.commands = commands;
        this.settings = settings;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        try {
            if (!closing) {
                RespRequest.from((RedisMessage) message).ifPresent(this::run);
            }
        } finally {
            ReferenceCountUtil.release(message);
        }
    }

    private void run(RespRequest request) {
        CompletableFuture<Reply> reply = commands.dispatch(request, order);
        if (reply.getNow(null) instanceof Reply.Closing) {
            stopReading();
        }
        pending.add(reply, request.bytes());
        if (!reply.isDone()) {
            reply.whenComplete((done, failure) -> scheduleDrain());
        }
        if (pending.full(settings)) {
            context.channel().config().setAutoRead(false);
        }
    }

    /** The end of one read from the socket: write what is ready of the whole batch at once. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        drain();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        drain();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        pending.clear();
        ctx.fireChannelInactive();
    }

    /**
     * A request the decoder or the {@link RequestGuard} refused: the stream cannot be trusted from there on, so the
     * client gets the replies before it, then {@code -ERR Protocol error: ...}, then the connection closes.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CodecException) {
            if (!closing) {
                stopReading();
                String reason = "ERR Protocol error: " + codecMessage(cause);
                pending.add(CompletableFuture.completedFuture(new Reply.Closing(new Reply.Error(reason))), 0);
                drain();
            }
        } else {
            if (!(cause instanceof IOException)) {
                LOG.warn("closing Redis connection from {}", ctx.channel().remoteAddress(), cause);
            }
            ctx.close();
        }
    }

    private void stopReading() {
        closing = true;
        context.channel().config().setAutoRead(false);
    }

    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            context.executor().execute(() -> {
                drainScheduled.set(false);
                drain();
            });
        }
    }

    /** Writes every reply that is ready and in turn, while the socket takes them, then flushes once. */
    private void drain() {
        boolean wrote = false;
        while (context.channel().isWritable()) {
            Optional<Reply> ready = pending.pollReady();
            if (ready.isEmpty()) {
                break;
            }
            Reply reply = ready.get();
            if (reply instanceof Reply.Closing) {
                context.writeAndFlush(reply.message()).addListener(ChannelFutureListener.CLOSE);
                pending.clear();
                return;
            }
            context.write(reply.message(), context.voidPromise());
            wrote = true;
        }
        if (wrote) {
            context.flush();
        }
        if (!closing && !context.channel().config().isAutoRead() && !pending.full(settings)) {
            context.channel().config().setAutoRead(true);
        }
    }

    /** The decoder wraps its own exceptions; the innermost message names the problem. */
    private static String codecMessage(Throwable cause) {
        Throwable inner = cause;
        while (inner instanceof DecoderException && inner.getCause() != null) {
            inner = inner.getCause();
        }
        return inner.getMessage();
    }
}
