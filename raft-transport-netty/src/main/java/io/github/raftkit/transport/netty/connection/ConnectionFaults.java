package io.github.raftkit.transport.netty.connection;

import io.github.raftkit.transport.netty.codec.MalformedFrameException;
import io.github.raftkit.transport.netty.codec.MalformedReason;
import io.github.raftkit.transport.netty.metrics.TransportMetrics;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a connection that misbehaves or fails is closed, for peers and clients alike: one WARN line naming the remote
 * address, who it is (when known) and the reason, and a count of the reason. Only that connection is affected.
 * Stateless apart from the meters; event loop threads.
 */
record ConnectionFaults(TransportMetrics metrics) {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionFaults.class);

    /**
     * Closes the connection for input no valid peer or client sends.
     *
     * @param who who the connection belongs to, for the log line, or empty while unknown
     */
    void refuse(ChannelHandlerContext ctx, MalformedReason reason, String detail, String who) {
        if (!ctx.channel().isOpen()) {
            return;
        }
        metrics.malformed(reason);
        LOG.warn("closing connection with {}{}: {}", ctx.channel().remoteAddress(), who.isEmpty() ? "" : " (" + who
                + ")", detail.startsWith(reason.tag()) ? detail : reason.tag() + ": " + detail);
        ctx.close();
    }

    /** Closes the connection after an exception in its pipeline, saying as much as the cause deserves. */
    void caught(ChannelHandlerContext ctx, Throwable cause, String who) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (cause instanceof MalformedFrameException malformed) {
            refuse(ctx, malformed.reason(), malformed.getMessage(), who);
        } else if (root instanceof SSLException) {
            // Counted and logged once by the handshake event.
            ctx.close();
        } else if (root instanceof IOException) {
            LOG.debug("connection with {} failed: {}", ctx.channel().remoteAddress(), root.toString());
            ctx.close();
        } else {
            LOG.warn("closing connection with {} after an unexpected error", ctx.channel().remoteAddress(), cause);
            ctx.close();
        }
    }
}
