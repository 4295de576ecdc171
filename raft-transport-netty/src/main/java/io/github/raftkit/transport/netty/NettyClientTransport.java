package io.github.raftkit.transport.netty;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.client.ClientReply;
import io.github.raftkit.api.client.ClientRequest;
import io.github.raftkit.api.error.ShutdownException;
import io.github.raftkit.api.spi.ClientTransport;
import io.github.raftkit.transport.netty.client.ClientDialer;
import io.github.raftkit.transport.netty.client.MemberConnection;
import io.github.raftkit.transport.netty.tls.TlsContexts;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries client requests to members over the netty wire format (see {@code docs/protocol.md}): one connection per
 * member endpoint, dialled at its first call and dialled again by the first call after it was lost; replies are
 * matched to calls by correlation id, so many calls share a connection and may be answered in any order.
 *
 * <p><b>Threading.</b> {@link #call} is thread-safe and never blocks; futures complete on this transport's event loop
 * threads. {@link #close} blocks until the event loops stop, unless called from one of them.
 */
public final class NettyClientTransport implements ClientTransport {
    private static final Logger LOG = LoggerFactory.getLogger(NettyClientTransport.class);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

    private final EventLoopGroup group;
    private final ClientDialer dialer;
    private final Map<Endpoint, MemberConnection> connections = new ConcurrentHashMap<>();
    private final AtomicLong correlationIds = new AtomicLong();
    private volatile boolean closed;

    /**
     * A transport whose event loop threads start with its first call. Reads the settings that apply to a client:
     * frame size, connect timeout, I/O threads and flavour, write buffer marks, TLS (whose identity the client
     * presents) and the idle timeout as the TLS handshake timeout.
     *
     * @throws io.github.raftkit.api.error.ConfigurationException if the TLS material is unusable
     */
    public NettyClientTransport(NettyTransportSettings settings) {
        Optional<TlsContexts> tls = settings.tls().enabled()
                ? Optional.of(TlsContexts.from(settings.tls())) : Optional.empty();
        IoFlavor flavor = IoFlavor.resolve(settings.io());
        this.group = new MultiThreadIoEventLoopGroup(settings.ioThreads(), new DefaultThreadFactory("raft-client"),
                flavor.ioHandlerFactory());
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(flavor.channel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(
                        settings.writeBufferLowBytes(), settings.writeBufferHighBytes()))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis());
        this.dialer = new ClientDialer(bootstrap, tls.map(TlsContexts::client), settings.maxFrameBytes(),
                settings.idleTimeout());
    }

    @Override
    public CompletableFuture<ClientReply> call(Endpoint to, ClientRequest request, Duration timeout) {
        if (closed) {
            return CompletableFuture.failedFuture(shutdown());
        }
        try {
            MemberConnection connection = connection(to);
            CompletableFuture<ClientReply> reply = connection.call(correlationIds.incrementAndGet(), request, timeout);
            if (closed) {
                // close() may have swept the connections before this call joined one.
                connection.close(shutdown());
            }
            return reply;
        } catch (RejectedExecutionException | IllegalStateException e) {
            // The event loops refuse work only once close() has begun to stop them.
            return CompletableFuture.failedFuture(shutdown());
        }
    }

    /** The usable connection to {@code to}, dialling one if there is none. */
    private MemberConnection connection(Endpoint to) {
        MemberConnection connection = connections.get(to);
        if (connection != null && connection.usable()) {
            return connection;
        }
        // Held only to pick one dial among racing callers; dialling itself returns at once.
        synchronized (connections) {
            connection = connections.get(to);
            if (connection == null || !connection.usable()) {
                connection = dialer.dial(to, lost -> connections.remove(to, lost));
                connections.put(to, connection);
            }
            return connection;
        }
    }

    /** Calls awaiting replies, over all connections; for monitoring. */
    public int inFlight() {
        return connections.values().stream().mapToInt(MemberConnection::pending).sum();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        ShutdownException cause = shutdown();
        connections.values().forEach(connection -> connection.close(cause));
        connections.clear();
        var stopping = group.shutdownGracefully(0, SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (!onEventLoop() && !stopping.awaitUninterruptibly(SHUTDOWN_TIMEOUT.toMillis() * 2)) {
            LOG.warn("client transport's event loop did not stop within {}", SHUTDOWN_TIMEOUT.multipliedBy(2));
        }
    }

    /** Whether the caller is one of this transport's threads, which must not wait for themselves to stop. */
    private boolean onEventLoop() {
        for (EventExecutor executor : group) {
            if (executor.inEventLoop()) {
                return true;
            }
        }
        return false;
    }

    private static ShutdownException shutdown() {
        return new ShutdownException("netty client transport is closed");
    }
}
