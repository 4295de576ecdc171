package io.github.raftkit.api.spi;

import java.util.Map;

/**
 * Makes client transports; registered under
 * {@code META-INF/services/io.github.raftkit.api.spi.ClientTransportProvider}. A transport plugin that serves clients
 * registers one under the same name as its {@link TransportProvider}.
 */
public interface ClientTransportProvider extends NamedProvider {

    /** A new client transport, configured by the plugin's own {@code properties} (TLS, for instance). */
    ClientTransport create(Map<String, String> properties);
}
