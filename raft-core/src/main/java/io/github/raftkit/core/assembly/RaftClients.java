package io.github.raftkit.core.assembly;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.RaftServer;
import io.github.raftkit.api.ServerStatus;
import io.github.raftkit.api.client.ClientConfig;
import io.github.raftkit.api.client.RaftClient;
import io.github.raftkit.api.spi.ClientTransport;
import io.github.raftkit.api.spi.ClientTransportProvider;
import io.github.raftkit.core.client.ClusterClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.Objects;

/**
 * Builds {@link RaftClient}s. The client transport is found with {@link java.util.ServiceLoader} and picked by
 * {@link ClientConfig#transport()}; with a single one on the class path, no name is needed. Nothing is dialled until
 * the first request.
 *
 * <pre>{@code
 * try (RaftClient client = RaftClients.connect(ClientConfig.builder()
 *         .endpoint(Endpoint.parse("10.0.0.1:7001")).build())) {
 *     byte[] result = client.submit(command);
 * }
 * }</pre>
 *
 * <p>Thread-safe; each call builds an independent client, to be closed when done.
 */
public final class RaftClients {

    private RaftClients() {
    }

    /** A client whose meters go to Micrometer's global registry. */
    public static RaftClient connect(ClientConfig config) {
        return connect(config, Metrics.globalRegistry);
    }

    /**
     * A client whose {@code raft.client.*} meters go to {@code registry}.
     *
     * @throws io.github.raftkit.api.error.ConfigurationException if the client transport is missing or ambiguous;
     *     the message lists the providers found
     */
    public static RaftClient connect(ClientConfig config, MeterRegistry registry) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(registry, "registry");
        return new ClusterClient(config, transport(config), registry);
    }

    /**
     * A client for a front end running in {@code server}'s own process (a Redis or HTTP port): it starts at this
     * member, whose requests skip the socket ({@link RaftServer#handle}), and reaches the others through the client
     * transport as {@link #connect} would. {@code config} should list this member's endpoint first.
     */
    public static RaftClient inProcess(RaftServer server, ClientConfig config, MeterRegistry registry) {
        Objects.requireNonNull(server, "server");
        ServerStatus status = server.status();
        Endpoint self = status.membership().endpoint(status.node());
        return new ClusterClient(config, ClusterClient.inProcessTransport(server, self, transport(config)), registry);
    }

    private static ClientTransport transport(ClientConfig config) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ClientTransportProvider provider = ProviderSelection.select("transport", ClientTransportProvider.class,
                config.transport(), ProviderSelection.load(ClientTransportProvider.class,
                        loader != null ? loader : RaftClients.class.getClassLoader()));
        return provider.create(config.properties());
    }
}
