package io.github.raftkit.transport.netty.connection;

import io.github.raftkit.api.client.ClientError;
import io.github.raftkit.api.client.ClientReply;
import io.github.raftkit.api.client.ClientRequest;
import io.github.raftkit.transport.netty.codec.ClientReplyFrame;
import io.github.raftkit.transport.netty.codec.ClientRequestFrame;
import io.github.raftkit.transport.netty.codec.FrameWriter;
import io.github.raftkit.transport.netty.codec.MalformedReason;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a client's connection, put in place of the {@link ConnectionHandler} when the connection's
 * first frame is a client request. Passes each request to the {@link io.github.raftkit.api.spi.ClientHandler} and
 * writes each reply, with the request's correlation id, as soon as it completes, whatever the order.
 *
 * <p>What one client can make the member hold is bounded: at most {@code maxPending} requests await replies (more are
 * refused at once as overloaded, without asking the handler); while the client does not read, no more requests are
 * read either, so at most that many replies wait in the write buffer. A client that leaves more than a maximum frame
 * of replies unread, or stays unwritable for the unread timeout, is closed and counted.
 *
 * <p>One instance per connection, on its event loop thread; replies that complete elsewhere are handed to it.
 */
final class ClientConnection extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);
    private static final String WHO = "client";

    private final ClientAccess access;
    private final ConnectionFaults faults;
    private int pending;
    private ScheduledFuture<?> unreadDeadline;

    ClientConnection(ClientAccess access, ConnectionFaults faults) {
        this.access = access;
        this.faults = faults;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ClientRequestFrame request) {
            serve(ctx, request);
        } else {
            faults.refuse(ctx, MalformedReason.MIXED_TRAFFIC, "a client connection carried a "
                    + msg.getClass().getSimpleName(), WHO);
        }
    }

    private void serve(ChannelHandlerContext ctx, ClientRequestFrame request) {
        access.meters().received(request.request());
        if (pending >= access.maxPending()) {
            write(ctx, request, new ClientReply.Rejected(ClientError.OVERLOADED, "this connection already has "
                    + access.maxPending() + " requests awaiting replies", Optional.empty()));
            return;
        }
        pending++;
        CompletableFuture<ClientReply> reply;
        try {
            reply = access.handler().handle(request.request());
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        reply.whenComplete((answer, error) -> onLoop(ctx, () -> {
            pending--;
            write(ctx, request, answer != null ? answer : handlerFailed(error));
        }));
    }

    private void write(ChannelHandlerContext ctx, ClientRequestFrame request, ClientReply reply) {
        Channel channel = ctx.channel();
        if (!channel.isActive()) {
            return;
        }
        ClientReplyFrame frame = fitting(new ClientReplyFrame(request.correlationId(), reply), request.request());
        access.meters().replied(frame.reply());
        ctx.writeAndFlush(frame);
        if (channel.bytesBeforeWritable() > access.maxFrameBytes()) {
            closeUnread(ctx, channel.bytesBeforeWritable() + " bytes of replies wait unread");
        }
    }

    /** The reply, or a rejection in its place when its frame would exceed what the client accepts. */
    private ClientReplyFrame fitting(ClientReplyFrame frame, ClientRequest request) {
        int size = FrameWriter.frameSize(frame);
        if (size <= access.maxFrameBytes()) {
            return frame;
        }
        ClientRequest asked = request instanceof ClientRequest.Forwarded forwarded ? forwarded.request() : request;
        // A write was applied, so sending it again cannot help; a query would only fail the same way again.
        ClientError error = asked instanceof ClientRequest.Write ? ClientError.RESULT_UNAVAILABLE
                : ClientError.QUERY_FAILED;
        return new ClientReplyFrame(frame.correlationId(), new ClientReply.Rejected(error, "the reply takes " + size
                + " bytes, more than netty.maxFrameBytes (" + access.maxFrameBytes() + ")", Optional.empty()));
    }

    private static ClientReply handlerFailed(Throwable error) {
        // The handler promises to answer with a rejection rather than fail; this is a bug on the member's side.
        LOG.warn("client handler failed instead of rejecting", error);
        return new ClientReply.Rejected(ClientError.INTERNAL, "the member failed serving the request: " + error,
                Optional.empty());
    }

    private static void onLoop(ChannelHandlerContext ctx, Runnable task) {
        if (ctx.executor().inEventLoop()) {
            task.run();
            return;
        }
        try {
            ctx.executor().execute(task);
        } catch (RejectedExecutionException e) {
            // The transport is shutting down and the connection with it; nobody is left to answer.
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Channel channel = ctx.channel();
        // No new requests while replies back up, so the write buffer holds at most maxPending of them.
        channel.config().setAutoRead(channel.isWritable());
        if (channel.isWritable()) {
            cancelUnreadDeadline();
        } else if (unreadDeadline == null) {
            long millis = access.unreadTimeout().toMillis();
            unreadDeadline = ctx.executor().schedule(() -> closeUnread(ctx, "did not read its replies for " + millis
                    + " ms"), millis, TimeUnit.MILLISECONDS);
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void closeUnread(ChannelHandlerContext ctx, String detail) {
        if (!ctx.channel().isOpen()) {
            return;
        }
        access.meters().unread().increment();
        LOG.warn("closing client connection with {}: {}; counted in raft.transport.client.unread",
                ctx.channel().remoteAddress(), detail);
        ctx.close();
    }

    private void cancelUnreadDeadline() {
        if (unreadDeadline != null) {
            unreadDeadline.cancel(false);
            unreadDeadline = null;
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        // A quiet client is no fault: the decoder already refuses one that stalls inside a frame.
        if (!(event instanceof IdleStateEvent)) {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelUnreadDeadline();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        faults.caught(ctx, cause, WHO);
    }
}
