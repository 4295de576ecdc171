package io.github.raftkit.transport.netty.connection;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.transport.netty.codec.Hello;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's one connection to a peer it dials: dials at start, introduces itself with a {@link Hello}, and
 * after a failed dial or a lost connection dials again after a {@link ReconnectBackoff} delay, until stopped. A
 * connection that stayed up for a whole back-off cap resets the back-off.
 *
 * <p><b>Threading.</b> Everything after {@link #start} runs on one event loop thread; {@link #stop} may be called from
 * any thread.
 */
public final class PeerDialer {
    private static final Logger LOG = LoggerFactory.getLogger(PeerDialer.class);

    private final Bootstrap bootstrap;
    private final PeerLink link;
    private final Endpoint endpoint;
    private final Hello hello;
    private final ReconnectBackoff backoff;
    private final long healthyNanos;
    private final EventLoop loop;
    private volatile boolean stopped;
    private boolean everConnected;
    private boolean failureLogged;

    /**
     * @param bootstrap configured with channel type and options; its group and handler are set here
     * @param loop the event loop all of this dialler's work runs on
     */
    public PeerDialer(Bootstrap bootstrap, EventLoop loop, ConnectionSetup setup, PeerLink link, Endpoint endpoint,
                      Duration backoffMin, Duration backoffMax, RandomGenerator random) {
        this.loop = loop;
        this.bootstrap = bootstrap.clone().group(loop).handler(setup.dialled(link, endpoint));
        this.link = link;
        this.endpoint = endpoint;
        this.hello = new Hello(setup.peers().self(), link.peer());
        this.backoff = new ReconnectBackoff(backoffMin, backoffMax, random);
        this.healthyNanos = backoffMax.toNanos();
    }

    /** Dials for the first time. */
    public void start() {
        loop.execute(this::dial);
    }

    /** Dials no more; the transport closes the connection itself. */
    public void stop() {
        stopped = true;
    }

    private void dial() {
        if (stopped) {
            return;
        }
        bootstrap.connect(endpoint.host(), endpoint.port()).addListener((ChannelFuture dialled) -> {
            if (dialled.isSuccess()) {
                connected(dialled.channel());
            } else {
                if (!failureLogged) {
                    // Once per outage: a peer that is down for an hour must not write a line per attempt.
                    failureLogged = true;
                    LOG.info("cannot reach {} at {} yet: {}; retrying with back-off", link.peer(), endpoint,
                            dialled.cause().toString());
                }
                redial();
            }
        });
    }

    private void connected(Channel channel) {
        if (stopped) {
            channel.close();
            return;
        }
        if (everConnected) {
            link.meters().reconnects().increment();
        }
        everConnected = true;
        failureLogged = false;
        LOG.debug("connected to {} at {}", link.peer(), endpoint);
        long since = System.nanoTime();
        // The hello is written before attach, so it precedes every message on the connection.
        channel.writeAndFlush(hello).addListener((ChannelFuture written) -> {
            if (!written.isSuccess()) {
                LOG.warn("could not introduce this node to {}: {}", link.peer(), written.cause().toString());
                written.channel().close();
            }
        });
        link.attach(channel);
        channel.closeFuture().addListener(closed -> {
            link.detach(channel);
            if (System.nanoTime() - since >= healthyNanos) {
                backoff.reset();
            }
            if (!stopped) {
                LOG.debug("connection to {} lost; dialling again", link.peer());
            }
            redial();
        });
    }

    private void redial() {
        if (!stopped && !loop.isShuttingDown()) {
            loop.schedule(this::dial, backoff.nextDelayMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
