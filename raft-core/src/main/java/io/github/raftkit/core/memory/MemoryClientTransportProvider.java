package io.github.raftkit.core.memory;

import io.github.raftkit.api.spi.ClientTransport;
import io.github.raftkit.api.spi.ClientTransportProvider;
import java.util.Map;

/**
 * Makes {@link MemoryClientTransport}s, which reach members of the process-wide {@link MemoryNetwork}. Registered with
 * {@link java.util.ServiceLoader} under the name {@code memory}. Stateless and thread-safe.
 */
public final class MemoryClientTransportProvider implements ClientTransportProvider {

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public ClientTransport create(Map<String, String> properties) {
        return new MemoryClientTransport();
    }
}
