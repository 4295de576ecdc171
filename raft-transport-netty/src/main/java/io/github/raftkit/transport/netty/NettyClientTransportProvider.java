package io.github.raftkit.transport.netty;

import io.github.raftkit.api.spi.ClientTransport;
import io.github.raftkit.api.spi.ClientTransportProvider;
import java.util.Map;

/**
 * The {@code netty} client transport provider, found with {@link java.util.ServiceLoader}: clients reach members over
 * the same port and wire format as the {@link NettyTransportProvider}'s members. Reads the same {@code netty.*}
 * properties. Stateless; any thread.
 */
public final class NettyClientTransportProvider implements ClientTransportProvider {

    @Override
    public String name() {
        return NettyTransportProvider.NAME;
    }

    @Override
    public ClientTransport create(Map<String, String> properties) {
        return new NettyClientTransport(NettyTransportSettings.from(properties));
    }
}
