package io.github.raftkit.transport.netty.connection;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.message.RaftMessage;
import io.github.raftkit.transport.netty.codec.FrameDecoder;
import io.github.raftkit.transport.netty.codec.FrameEncoder;
import io.github.raftkit.transport.netty.metrics.PeerMeters;
import io.github.raftkit.transport.netty.metrics.TransportMetrics;
import io.github.raftkit.transport.netty.tls.TlsContexts;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * How every connection's pipeline is built, accepted or dialled alike: {@code [tls] → idle → decoder → encoder →
 * connection}; a client's connection has {@code client} in place of {@code connection} once its first request
 * arrives. Clients share the members' TLS settings: with TLS on, a client needs a trusted certificate as a peer does. Immutable; the initializers it makes run on event loop threads.
 *
 * @param maxFrameBytes the largest frame accepted
 * @param idleTimeout how long a connection may hold part of a frame, or stay unintroduced; also the TLS handshake
 *     timeout
 * @param tls the TLS contexts, or empty for plain TCP
 * @param peers this node and its links
 * @param inbound where messages from peers go
 * @param metrics the transport's meters
 * @param unidentified the meters of connections whose peer is not known yet
 * @param clients what accepted connections that turn out to be clients' are served with
 */
public record ConnectionSetup(int maxFrameBytes, Duration idleTimeout, Optional<TlsContexts> tls, PeerDirectory peers,
                              Consumer<RaftMessage> inbound, TransportMetrics metrics, PeerMeters unidentified,
                              ClientAccess clients) {

    /** The initializer of connections this node accepts. */
    public ChannelHandler accepted() {
        return new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                tls.ifPresent(contexts -> addTls(channel.pipeline(), contexts.server().newHandler(channel.alloc())));
                addFraming(channel.pipeline(), null);
            }
        };
    }

    /** The initializer of connections this node dials to {@code link}'s peer at {@code endpoint}. */
    public ChannelHandler dialled(PeerLink link, Endpoint endpoint) {
        return new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                tls.ifPresent(contexts -> addTls(channel.pipeline(),
                        contexts.client().newHandler(channel.alloc(), endpoint.host(), endpoint.port())));
                addFraming(channel.pipeline(), link);
            }
        };
    }

    private void addTls(ChannelPipeline pipeline, SslHandler handler) {
        handler.setHandshakeTimeout(idleTimeout.toMillis(), TimeUnit.MILLISECONDS);
        pipeline.addLast("tls", handler);
    }

    private void addFraming(ChannelPipeline pipeline, PeerLink link) {
        ConnectionTraffic traffic = new ConnectionTraffic(link == null ? unidentified : link.meters());
        pipeline.addLast("idle", new IdleStateHandler(idleTimeout.toMillis(), 0, 0, TimeUnit.MILLISECONDS));
        pipeline.addLast("decoder", new FrameDecoder(maxFrameBytes, traffic));
        pipeline.addLast("encoder", new FrameEncoder(traffic));
        pipeline.addLast("connection", new ConnectionHandler(peers, inbound, metrics, traffic, clients, link));
    }
}
