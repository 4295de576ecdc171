package io.github.raftkit.core.memory;

import io.github.raftkit.api.spi.Transport;
import io.github.raftkit.api.spi.TransportContext;
import io.github.raftkit.api.spi.TransportProvider;

/**
 * Makes {@link MemoryTransport}s on the process-wide {@link MemoryNetwork}.
 * Registered with {@link java.util.ServiceLoader} under the name {@code memory}. Stateless and thread-safe.
 */
public final class MemoryTransportProvider implements TransportProvider {

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public Transport create(TransportContext context) {
        return new MemoryTransport(context);
    }
}
