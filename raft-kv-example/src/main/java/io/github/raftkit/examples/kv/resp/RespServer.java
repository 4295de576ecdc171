package io.github.raftkit.examples.kv.resp;

import io.github.raftkit.api.ServerStatus;
import io.github.raftkit.examples.kv.client.KvClient;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.redis.FixedRedisMessagePool;
import io.netty.handler.codec.redis.RedisArrayAggregator;
import io.netty.handler.codec.redis.RedisBulkStringAggregator;
import io.netty.handler.codec.redis.RedisDecoder;
import io.netty.handler.codec.redis.RedisEncoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key-value store's Redis protocol (RESP2) front end: {@code redis-cli}, {@code redis-benchmark} and Redis client
 * libraries talk to it unchanged. Commands go through a {@link KvClient}, whose {@code RaftClient} usually points at
 * the local member; followers forward writes and serve linearizable reads through ReadIndex, so any member serves
 * every command. See {@code docs/kv.md}, "Redis protocol", for the commands, the errors and the limits.
 *
 * <p><b>Threading.</b> {@link #start} and {@link #close} may be called from any thread, once each, and block for the
 * bind and the shutdown; connections are served on the server's own event loop threads
 * ({@link RespSettings#ioThreads()}).
 */
public final class RespServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RespServer.class);
    /** Redis's own limit on an inline command line, which only humans at a terminal send. */
    private static final int MAX_INLINE_BYTES = 64 * 1024;
    private static final long SHUTDOWN_MILLIS = 5_000;

    private final RespSettings settings;
    private final CommandTable commands;
    private EventLoopGroup group;
    private Channel listener;
    private volatile int port = -1;

    /**
     * A server not yet listening.
     *
     * @param client the store's client; the server reads through {@code client.reading(settings.reads())}, and
     *     never closes it: it belongs to the caller
     * @param status this member's status, for {@code INFO}; called on an event loop, so it must not block
     * @param settings the per-connection limits and the read consistency
     */
    public RespServer(KvClient client, Supplier<ServerStatus> status, RespSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        InfoReport info = new InfoReport(Objects.requireNonNull(status, "status"), () -> port);
        List<CommandSpec> specs = new ArrayList<>(
                new KeyValueCommands(client.reading(settings.reads()), settings.maxKeys()).specs());
        specs.addAll(new ServerCommands(info).specs());
        this.commands = new CommandTable(specs);
    }

    /**
     * Listens at {@code address} (port 0 picks a free one) and returns the address bound.
     *
     * @throws IllegalStateException if it was started before, or cannot listen there (the message says why)
     */
    public synchronized InetSocketAddress start(InetSocketAddress address) {
        if (group != null) {
            throw new IllegalStateException("the Redis front end was already started");
        }
        group = new MultiThreadIoEventLoopGroup(settings.ioThreads(), new DefaultThreadFactory("raft-kv-resp"),
                NioIoHandler.newFactory());
        try {
            listener = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline().addLast(
                                    new RedisEncoder(),
                                    new RedisDecoder(MAX_INLINE_BYTES, FixedRedisMessagePool.INSTANCE, true),
                                    new RequestGuard(settings),
                                    new RedisBulkStringAggregator(),
                                    // Depth 1: a command is a flat array; the guard already refused nested ones.
                                    new RedisArrayAggregator(settings.maxArguments(), 1),
                                    new RespConnection(commands, settings));
                        }
                    })
                    .bind(address)
                    .syncUninterruptibly()
                    .channel();
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new IllegalStateException("the Redis front end cannot listen at " + address + ": " + e, e);
        }
        InetSocketAddress bound = (InetSocketAddress) listener.localAddress();
        port = bound.getPort();
        LOG.info("Redis protocol listening at {}", bound);
        return bound;
    }

    /** The port listened at, once started. */
    public int port() {
        if (port < 0) {
            throw new IllegalStateException("the Redis front end is not listening");
        }
        return port;
    }

    /**
     * Stops listening, closes every connection (replies still in flight are not sent) and waits for the event loop
     * threads to end. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (group == null || group.isShuttingDown()) {
            return;
        }
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
        if (!group.shutdownGracefully(0, SHUTDOWN_MILLIS, TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(2 * SHUTDOWN_MILLIS)) {
            LOG.warn("the Redis front end's event loop did not stop within {} ms", 2 * SHUTDOWN_MILLIS);
        }
    }
}
