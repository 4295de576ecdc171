package io.github.raftkit.transport.netty.connection;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.message.RaftMessage;
import io.github.raftkit.transport.netty.codec.ClientReplyFrame;
import io.github.raftkit.transport.netty.codec.ClientRequestFrame;
import io.github.raftkit.transport.netty.codec.Hello;
import io.github.raftkit.transport.netty.codec.MalformedReason;
import io.github.raftkit.transport.netty.metrics.TransportMetrics;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a connection: learns which peer it belongs to (from the {@link Hello} on an accepted
 * connection, from the dial on a dialled one), hands that peer's messages to the server, and closes the connection,
 * with one logged reason and a counter, on anything a valid peer would not send. Only this connection is affected.
 *
 * <p>An accepted connection whose first frame is a client request instead of a Hello belongs to a client: this handler
 * hands it over to a {@link ClientConnection} and leaves the pipeline. Client traffic on a peer's connection is
 * refused, so the two kinds never mix.
 *
 * <p>One instance per connection; its event loop thread only.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionHandler.class);

    private final PeerDirectory peers;
    private final Consumer<RaftMessage> inbound;
    private final TransportMetrics metrics;
    private final ConnectionTraffic traffic;
    private final ClientAccess clients;
    private final ConnectionFaults faults;
    private PeerLink link;

    /**
     * @param link the peer dialled, or {@code null} on an accepted connection until its hello arrives
     */
    ConnectionHandler(PeerDirectory peers, Consumer<RaftMessage> inbound, TransportMetrics metrics,
                      ConnectionTraffic traffic, ClientAccess clients, PeerLink link) {
        this.peers = peers;
        this.inbound = inbound;
        this.metrics = metrics;
        this.traffic = traffic;
        this.clients = clients;
        this.faults = new ConnectionFaults(metrics);
        this.link = link;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof RaftMessage message) {
            deliver(ctx, message);
        } else if (msg instanceof Hello hello) {
            identify(ctx, hello);
        } else if (msg instanceof ClientRequestFrame request && link == null) {
            becomeClient(ctx, request);
        } else if (msg instanceof ClientRequestFrame || msg instanceof ClientReplyFrame) {
            refuse(ctx, MalformedReason.MIXED_TRAFFIC, link == null ? "sent a client reply to a member"
                    : "a member's connection carried client traffic");
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private void becomeClient(ChannelHandlerContext ctx, ClientRequestFrame first) {
        traffic.identify(clients.traffic());
        ClientConnection client = new ClientConnection(clients, faults);
        ctx.pipeline().replace(this, "client", client);
        client.channelRead(ctx.pipeline().context(client), first);
        LOG.debug("client connected from {}", ctx.channel().remoteAddress());
    }

    private void deliver(ChannelHandlerContext ctx, RaftMessage message) {
        if (link == null) {
            refuse(ctx, MalformedReason.BAD_HELLO, "sent a message before saying who it is");
        } else if (!message.from().equals(link.peer()) || !message.to().equals(peers.self())) {
            refuse(ctx, MalformedReason.MISADDRESSED, "connection of " + link.peer() + " carried a message from "
                    + message.from() + " to " + message.to());
        } else {
            try {
                inbound.accept(message);
            } catch (RuntimeException e) {
                // The server's queue refused it: the peer did nothing wrong, so the connection stays.
                LOG.warn("server refused a message from {}: {}", link.peer(), e.toString());
            }
        }
    }

    private void identify(ChannelHandlerContext ctx, Hello hello) {
        NodeId from = hello.from();
        PeerLink claimed = peers.link(from);
        if (link != null) {
            refuse(ctx, MalformedReason.BAD_HELLO, "said hello twice");
        } else if (!hello.to().equals(peers.self())) {
            refuse(ctx, MalformedReason.BAD_HELLO, from + " meant to reach " + hello.to() + ", not " + peers.self());
        } else if (claimed == null) {
            refuse(ctx, MalformedReason.BAD_HELLO, from + " is not a member");
        } else if (peers.dials(from)) {
            refuse(ctx, MalformedReason.BAD_HELLO, from + " dialled, but of this pair " + peers.self() + " dials");
        } else {
            link = claimed;
            traffic.identify(claimed.meters());
            claimed.attach(ctx.channel());
            LOG.debug("{} connected from {}", from, ctx.channel().remoteAddress());
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent handshake && !handshake.isSuccess()) {
            metrics.tlsFailure();
            LOG.warn("closing connection with {}: TLS handshake failed: {}", ctx.channel().remoteAddress(),
                    handshake.cause().toString());
            ctx.close();
        } else if (event instanceof IdleStateEvent && link == null) {
            refuse(ctx, MalformedReason.BAD_HELLO, "said nothing within the idle timeout");
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (link != null && ctx.channel().isWritable()) {
            link.scheduleDrain();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (link != null) {
            link.detach(ctx.channel());
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        faults.caught(ctx, cause, who());
    }

    private void refuse(ChannelHandlerContext ctx, MalformedReason reason, String detail) {
        faults.refuse(ctx, reason, detail, who());
    }

    private String who() {
        return link == null ? "" : link.peer().value();
    }
}
