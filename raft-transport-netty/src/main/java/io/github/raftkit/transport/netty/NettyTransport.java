package io.github.raftkit.transport.netty;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.message.RaftMessage;
import io.github.raftkit.api.spi.ClientHandler;
import io.github.raftkit.api.spi.Transport;
import io.github.raftkit.api.spi.TransportContext;
import io.github.raftkit.transport.netty.connection.ClientAccess;
import io.github.raftkit.transport.netty.connection.ConnectionSetup;
import io.github.raftkit.transport.netty.connection.PeerDialer;
import io.github.raftkit.transport.netty.connection.PeerDirectory;
import io.github.raftkit.transport.netty.connection.PeerLink;
import io.github.raftkit.transport.netty.metrics.DropReason;
import io.github.raftkit.transport.netty.metrics.TransportMetrics;
import io.github.raftkit.transport.netty.tls.TlsContexts;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One member's network transport: listens at its endpoint, keeps one connection per peer (the smaller id dials), and
 * writes each peer's messages through a {@link PeerLink}. Clients connect to the same port; their requests go to the
 * {@link ClientHandler} and the replies back on their connections. See {@code docs/protocol.md} for the wire format and the
 * settings.
 *
 * <p><b>Threading.</b> {@link #start} and {@link #close} are called once each by the server, and block for the bind
 * and the shutdown respectively; {@link #send} is called from the engine's thread and never blocks. Inbound
 * messages and client requests are handed over on this transport's event loop threads.
 */
public final class NettyTransport implements Transport {
    private static final Logger LOG = LoggerFactory.getLogger(NettyTransport.class);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

    private final TransportContext context;
    private final NettyTransportSettings settings;
    private final TransportMetrics metrics;
    private final PeerDirectory peers;
    private final List<PeerDialer> dialers = new ArrayList<>();
    private EventLoopGroup group;
    private Channel server;
    private volatile boolean closed;

    /**
     * A transport not yet started.
     *
     * @param registry where its {@code raft.transport.*} meters go
     */
    public NettyTransport(TransportContext context, NettyTransportSettings settings, MeterRegistry registry) {
        this.context = context;
        this.settings = settings;
        this.metrics = new TransportMetrics(registry, context.self());
        Map<NodeId, PeerLink> links = new LinkedHashMap<>();
        for (NodeId member : context.membership().ids()) {
            if (!member.equals(context.self())) {
                PeerLink link = new PeerLink(member, metrics.peer(member.value()), settings.maxFrameBytes(),
                        settings.queueMessages(), settings.queueBytes());
                metrics.queueDepth(member.value(), link::queued);
                links.put(member, link);
            }
        }
        this.peers = new PeerDirectory(context.self(), links);
    }

    @Override
    public synchronized void start(Consumer<RaftMessage> inbound, ClientHandler clients) {
        if (group != null || closed) {
            throw new IllegalStateException("transport of " + context.self() + " was already started");
        }
        Optional<TlsContexts> tls = settings.tls().enabled()
                ? Optional.of(TlsContexts.from(settings.tls())) : Optional.empty();
        IoFlavor flavor = IoFlavor.resolve(settings.io());
        group = new MultiThreadIoEventLoopGroup(settings.ioThreads(),
                new DefaultThreadFactory("raft-netty-" + context.self()), flavor.ioHandlerFactory());
        ClientAccess access = new ClientAccess(clients, settings.clientMaxPending(), settings.maxFrameBytes(),
                settings.idleTimeout(), metrics.clients(), metrics.peer(TransportMetrics.CLIENTS));
        ConnectionSetup setup = new ConnectionSetup(settings.maxFrameBytes(), settings.idleTimeout(), tls, peers,
                inbound, metrics, metrics.peer(TransportMetrics.UNIDENTIFIED), access);
        WriteBufferWaterMark waterMark = new WriteBufferWaterMark(settings.writeBufferLowBytes(),
                settings.writeBufferHighBytes());
        Endpoint self = context.membership().endpoint(context.self());
        try {
            server = new ServerBootstrap()
                    .group(group)
                    .channel(flavor.serverChannel())
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark)
                    .childHandler(setup.accepted())
                    .bind(self.host(), self.port())
                    .syncUninterruptibly()
                    .channel();
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new IllegalStateException(context.self() + " cannot listen at " + self + ": " + e, e);
        }
        Bootstrap dialling = new Bootstrap()
                .channel(flavor.channel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis());
        Random jitter = new Random();
        for (PeerLink link : peers.links().values()) {
            if (peers.dials(link.peer())) {
                PeerDialer dialer = new PeerDialer(dialling, group.next(), setup, link,
                        context.membership().endpoint(link.peer()), settings.backoffMin(), settings.backoffMax(),
                        jitter);
                dialers.add(dialer);
                dialer.start();
            }
        }
        LOG.info("{} listening at {} ({}{})", context.self(), self, flavor.name().toLowerCase(Locale.ROOT),
                tls.isPresent() ? ", mutual TLS" : "");
    }

    @Override
    public void send(RaftMessage message) {
        PeerLink link = peers.link(message.to());
        if (link == null) {
            metrics.droppedUnknownPeer();
        } else if (closed) {
            link.meters().dropped(DropReason.CLOSED);
        } else {
            link.send(message);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        dialers.forEach(PeerDialer::stop);
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        peers.links().values().forEach(PeerLink::close);
        if (group != null) {
            boolean done = group.shutdownGracefully(0, SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .awaitUninterruptibly(SHUTDOWN_TIMEOUT.toMillis() * 2);
            if (!done) {
                LOG.warn("{}: event loop did not stop within {}", context.self(), SHUTDOWN_TIMEOUT.multipliedBy(2));
            }
        }
        metrics.close();
    }
}
