package io.github.raftkit.transport.netty;

import io.github.raftkit.api.error.ConfigurationException;
import io.github.raftkit.transport.netty.codec.WireFormat;
import io.github.raftkit.transport.netty.tls.TlsSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The transport's settings, read from {@code TransportContext.properties()} keys that start with {@code netty.};
 * every key, its default and its range is listed in {@code docs/protocol.md}. Validated when built; immutable.
 *
 * @param maxFrameBytes the largest frame sent or accepted, header included ({@code netty.maxFrameBytes}, 16 MiB)
 * @param queueMessages the most messages waiting for one peer ({@code netty.queue.maxMessages}, 4096)
 * @param queueBytes the most frame bytes waiting for one peer ({@code netty.queue.maxBytes}, 64 MiB)
 * @param connectTimeout how long a dial may take ({@code netty.connectTimeoutMillis}, 3000)
 * @param backoffMin the first reconnect delay ({@code netty.reconnect.minMillis}, 50)
 * @param backoffMax the longest reconnect delay ({@code netty.reconnect.maxMillis}, 5000)
 * @param idleTimeout how long a connection may sit on part of a frame, or unintroduced, before it is closed
 *     ({@code netty.idleTimeoutMillis}, 30000)
 * @param ioThreads event loop threads ({@code netty.ioThreads}, 1)
 * @param io which I/O implementation: {@code auto}, {@code epoll} or {@code nio} ({@code netty.io}, auto)
 * @param writeBufferLowBytes a connection becomes writable again below this ({@code netty.writeBuffer.lowBytes},
 *     256 KiB)
 * @param writeBufferHighBytes above this, large appends wait in the queue so that small messages go first
 *     ({@code netty.writeBuffer.highBytes}, 1 MiB)
 * @param tls TLS settings, {@code netty.tls.*}; disabled by default
 * @param clientMaxPending the most requests of one client connection that may await their replies; more are refused
 *     at once as overloaded ({@code netty.client.maxPending}, 1024)
 */
public record NettyTransportSettings(int maxFrameBytes, int queueMessages, long queueBytes, Duration connectTimeout,
                                     Duration backoffMin, Duration backoffMax, Duration idleTimeout, int ioThreads,
                                     IoFlavor.Choice io, int writeBufferLowBytes, int writeBufferHighBytes,
                                     TlsSettings tls, int clientMaxPending) {
    /** The prefix of every key this transport reads. */
    public static final String PREFIX = "netty.";

    private static final Set<String> KEYS = Set.of("netty.maxFrameBytes", "netty.queue.maxMessages",
            "netty.queue.maxBytes", "netty.connectTimeoutMillis", "netty.reconnect.minMillis",
            "netty.reconnect.maxMillis", "netty.idleTimeoutMillis", "netty.ioThreads", "netty.io",
            "netty.writeBuffer.lowBytes", "netty.writeBuffer.highBytes", "netty.client.maxPending");

    public NettyTransportSettings {
        require(backoffMin.compareTo(backoffMax) <= 0, "netty.reconnect.minMillis must not exceed netty.reconnect.maxMillis");
        require(writeBufferLowBytes < writeBufferHighBytes,
                "netty.writeBuffer.lowBytes must be below netty.writeBuffer.highBytes");
        require(queueBytes >= maxFrameBytes, "netty.queue.maxBytes must hold at least one frame of netty.maxFrameBytes");
    }

    /** The defaults: no TLS. */
    public static NettyTransportSettings defaults() {
        return from(Map.of());
    }

    /**
     * Reads the {@code netty.*} keys of {@code properties}; other keys belong to other plugins and are ignored.
     *
     * @throws ConfigurationException naming the first bad or unknown {@code netty.*} key
     */
    public static NettyTransportSettings from(Map<String, String> properties) {
        Set<String> unknown = new TreeSet<>();
        for (String key : properties.keySet()) {
            if (key.startsWith(PREFIX) && !KEYS.contains(key) && !key.startsWith(TlsSettings.PREFIX)) {
                unknown.add(key);
            }
        }
        require(unknown.isEmpty(), "unknown transport settings " + unknown + "; known: " + new TreeSet<>(KEYS)
                + " and " + TlsSettings.PREFIX + "*");
        PropertyReader in = new PropertyReader(properties);
        return new NettyTransportSettings(
                (int) in.number("netty.maxFrameBytes", 16 << 20, WireFormat.MIN_MAX_FRAME_BYTES, 1 << 30),
                (int) in.number("netty.queue.maxMessages", 4096, 16, 1 << 20),
                in.number("netty.queue.maxBytes", 64 << 20, WireFormat.MIN_MAX_FRAME_BYTES, 1L << 34),
                Duration.ofMillis(in.number("netty.connectTimeoutMillis", 3000, 10, 600_000)),
                Duration.ofMillis(in.number("netty.reconnect.minMillis", 50, 1, 60_000)),
                Duration.ofMillis(in.number("netty.reconnect.maxMillis", 5000, 1, 600_000)),
                Duration.ofMillis(in.number("netty.idleTimeoutMillis", 30_000, 10, 3_600_000)),
                (int) in.number("netty.ioThreads", 1, 1, 64),
                IoFlavor.Choice.parse(properties.getOrDefault("netty.io", "auto")),
                (int) in.number("netty.writeBuffer.lowBytes", 256 << 10, 1024, 1 << 30),
                (int) in.number("netty.writeBuffer.highBytes", 1 << 20, 2048, 1 << 30),
                TlsSettings.from(properties),
                (int) in.number("netty.client.maxPending", 1024, 1, 1 << 20));
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new ConfigurationException("invalid transport configuration: " + problem);
        }
    }
}
