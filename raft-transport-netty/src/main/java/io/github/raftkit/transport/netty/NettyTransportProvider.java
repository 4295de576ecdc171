package io.github.raftkit.transport.netty;

import io.github.raftkit.api.spi.Transport;
import io.github.raftkit.api.spi.TransportContext;
import io.github.raftkit.api.spi.TransportProvider;
import io.micrometer.core.instrument.Metrics;

/**
 * The {@code netty} transport provider, found with {@link java.util.ServiceLoader}. Reads the {@code netty.*}
 * properties; meters go to Micrometer's global registry, since the SPI hands none over. Stateless; any thread.
 */
public final class NettyTransportProvider implements TransportProvider {
    /** The name a configuration picks this transport by. */
    public static final String NAME = "netty";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Transport create(TransportContext context) {
        return new NettyTransport(context, NettyTransportSettings.from(context.properties()), Metrics.globalRegistry);
    }
}
