package io.github.raftkit.core.runtime;

import io.github.raftkit.api.spi.ClientTransportProvider;
import io.github.raftkit.api.spi.LogStoreProvider;
import io.github.raftkit.api.spi.MetadataStoreProvider;
import io.github.raftkit.api.spi.SnapshotStoreProvider;
import io.github.raftkit.api.spi.TransportProvider;
import java.util.Objects;
import java.util.Optional;

/**
 * The providers a member runs with, one of each kind, chosen at assembly time. Immutable.
 *
 * @param transport makes the member's transport
 * @param logStore opens its log
 * @param metadataStore opens the store of its term and vote
 * @param snapshotStore opens its snapshot store (opened at start so that a missing one fails early; snapshots are
 *     not taken yet)
 * @param clientTransport the same transport plugin's client side, with which a follower forwards client requests to
 *     the leader; without one, a follower answers "not leader" with the leader's address instead
 */
public record NodePlugins(TransportProvider transport, LogStoreProvider logStore, MetadataStoreProvider metadataStore,
                          SnapshotStoreProvider snapshotStore, Optional<ClientTransportProvider> clientTransport) {
    public NodePlugins {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(logStore, "logStore");
        Objects.requireNonNull(metadataStore, "metadataStore");
        Objects.requireNonNull(snapshotStore, "snapshotStore");
        Objects.requireNonNull(clientTransport, "clientTransport");
    }
}
