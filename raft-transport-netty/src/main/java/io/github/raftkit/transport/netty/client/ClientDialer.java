package io.github.raftkit.transport.netty.client;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.transport.netty.codec.FrameDecoder;
import io.github.raftkit.transport.netty.codec.FrameEncoder;
import io.github.raftkit.transport.netty.codec.FrameTraffic;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Dials members for a client: {@code [tls] → decoder → encoder → replies}. With TLS, the client presents its
 * certificate (members require one) and checks the member's as a dialling member does. Immutable; any thread.
 *
 * @param bootstrap configured with group, channel type and options; its handler is set per dial
 * @param tls the client-side TLS context, or empty for plain TCP
 * @param maxFrameBytes the largest frame sent or accepted
 * @param handshakeTimeout how long a TLS handshake may take
 */
public record ClientDialer(Bootstrap bootstrap, Optional<SslContext> tls, int maxFrameBytes,
                           Duration handshakeTimeout) {

    /**
     * Starts dialling {@code endpoint}; calls may be made on the result at once and are sent once connected.
     *
     * @param onLost told once the connection failed or closed, so that the next call dials afresh
     */
    public MemberConnection dial(Endpoint endpoint, Consumer<MemberConnection> onLost) {
        MemberConnection connection = new MemberConnection(endpoint, maxFrameBytes, onLost);
        connection.connecting(bootstrap.clone().handler(pipeline(endpoint, connection))
                .connect(endpoint.host(), endpoint.port()));
        return connection;
    }

    private ChannelHandler pipeline(Endpoint endpoint, MemberConnection connection) {
        return new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                tls.ifPresent(context -> {
                    SslHandler handler = context.newHandler(channel.alloc(), endpoint.host(), endpoint.port());
                    handler.setHandshakeTimeout(handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS);
                    channel.pipeline().addLast("tls", handler);
                });
                channel.pipeline().addLast("decoder", new FrameDecoder(maxFrameBytes, FrameTraffic.NONE));
                channel.pipeline().addLast("encoder", new FrameEncoder(FrameTraffic.NONE));
                channel.pipeline().addLast("replies", new ReplyReader(connection));
            }
        };
    }
}
