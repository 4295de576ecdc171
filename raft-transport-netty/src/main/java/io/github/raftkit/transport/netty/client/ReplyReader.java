package io.github.raftkit.transport.netty.client;

import io.github.raftkit.transport.netty.codec.ClientReplyFrame;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.io.IOException;

/**
 * The last handler of a client's connection: completes calls with the replies that arrive, and on anything else, or
 * on any failure, closes the connection and fails its calls with the reason. Its event loop thread only.
 */
final class ReplyReader extends ChannelInboundHandlerAdapter {
    private final MemberConnection connection;

    ReplyReader(MemberConnection connection) {
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ClientReplyFrame reply) {
            connection.replied(reply);
        } else {
            lose(ctx, new IOException(connection.endpoint() + " sent a " + msg.getClass().getSimpleName()
                    + " where only client replies belong"));
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent handshake && !handshake.isSuccess()) {
            lose(ctx, new IOException("TLS handshake with " + connection.endpoint() + " failed: "
                    + handshake.cause(), handshake.cause()));
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        lose(ctx, new IOException("connection to " + connection.endpoint() + " failed: " + root, root));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connection.lost(new IOException("connection to " + connection.endpoint() + " closed"));
        ctx.fireChannelInactive();
    }

    private void lose(ChannelHandlerContext ctx, IOException cause) {
        connection.lost(cause);
        ctx.close();
    }
}
