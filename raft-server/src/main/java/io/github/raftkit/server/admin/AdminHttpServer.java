package io.github.raftkit.server.admin;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The admin HTTP server: one event-loop thread, requests of at most {@link #MAX_REQUEST_BYTES} (a larger one is
 * answered 413 by the aggregator), and connections idle for {@link #IDLE_SECONDS} closed, so that a careless or
 * hostile client holds nothing unbounded.
 *
 * <p><b>Threading.</b> {@link #start} and {@link #close} may be called from any thread; requests are served on the
 * server's own event loop.
 */
public final class AdminHttpServer implements AutoCloseable {
    /** Headers and body together; the admin pages take no body, so this is generous. */
    static final int MAX_REQUEST_BYTES = 8 * 1024;
    static final int IDLE_SECONDS = 60;

    private final EventLoopGroup group;
    private final Channel channel;

    private AdminHttpServer(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    /**
     * Listens at {@code address} (port 0 picks a free one).
     *
     * @throws IllegalStateException naming the address if it cannot listen there
     */
    public static AdminHttpServer start(InetSocketAddress address, AdminRoutes routes) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("raft-admin-http"),
                NioIoHandler.newFactory());
        AdminHandler handler = new AdminHandler(routes);
        try {
            Channel channel = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(
                                    new ReadTimeoutHandler(IDLE_SECONDS),
                                    new HttpServerCodec(),
                                    new HttpObjectAggregator(MAX_REQUEST_BYTES),
                                    handler);
                        }
                    })
                    .bind(address)
                    .syncUninterruptibly()
                    .channel();
            return new AdminHttpServer(group, channel);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new IllegalStateException("admin HTTP cannot listen at " + address + ": " + e, e);
        }
    }

    /** The port it listens on. */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Stops listening, closes open connections and waits for the event loop to end. */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
