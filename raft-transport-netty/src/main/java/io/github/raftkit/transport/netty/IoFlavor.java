package io.github.raftkit.transport.netty;

import io.github.raftkit.api.error.ConfigurationException;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which socket implementation carries the traffic: Linux's native epoll when its library loads, the JDK's NIO
 * otherwise. The automatic choice is logged once per JVM, however many transports start. Immutable; any thread.
 */
public enum IoFlavor {
    EPOLL,
    NIO;

    private static final Logger LOG = LoggerFactory.getLogger(IoFlavor.class);
    private static final AtomicBoolean LOGGED = new AtomicBoolean();

    /** What a configuration asks for with {@code netty.io}. */
    public enum Choice {
        AUTO, EPOLL, NIO;

        static Choice parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(
                        "invalid transport configuration: netty.io must be auto, epoll or nio, got '" + text + "'");
            }
        }
    }

    /** Resolves a choice; asking for epoll where it cannot load is a configuration error. */
    static IoFlavor resolve(Choice choice) {
        return switch (choice) {
            case NIO -> NIO;
            case EPOLL -> {
                if (!Epoll.isAvailable()) {
                    throw new ConfigurationException(
                            "invalid transport configuration: netty.io=epoll, but epoll is unavailable: "
                                    + Epoll.unavailabilityCause());
                }
                yield EPOLL;
            }
            case AUTO -> {
                IoFlavor flavor = Epoll.isAvailable() ? EPOLL : NIO;
                if (LOGGED.compareAndSet(false, true)) {
                    if (flavor == EPOLL) {
                        LOG.info("raftkit netty transport uses native epoll");
                    } else {
                        LOG.info("raftkit netty transport uses NIO: epoll is unavailable ({})",
                                String.valueOf(Epoll.unavailabilityCause()));
                    }
                }
                yield flavor;
            }
        };
    }

    IoHandlerFactory ioHandlerFactory() {
        return this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    Class<? extends ServerChannel> serverChannel() {
        return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    Class<? extends SocketChannel> channel() {
        return this == EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
