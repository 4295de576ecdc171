package io.github.raftkit.server.launch;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.Membership;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.RaftConfig;
import io.github.raftkit.api.client.ClientConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What every member process runs with, whatever its state machine, checked. Immutable.
 *
 * @param node this member
 * @param group the Raft group
 * @param peers every voting member and its Raft address (which also serves {@code RaftClient}s), this one included
 * @param dataDir where the {@code file} stores keep the log, metadata and snapshots
 * @param httpPort the port of the admin HTTP server, on the host of this member's Raft address
 * @param properties plugin settings ({@code netty.*}, {@code file.*})
 */
public record NodeSettings(NodeId node, GroupId group, Membership peers, Path dataDir, int httpPort,
                           Map<String, String> properties) {
    public NodeSettings {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(dataDir, "dataDir");
        if (!peers.contains(node)) {
            throw new IllegalArgumentException(node + " is not one of the peers " + peers.ids());
        }
        properties = Map.copyOf(properties);
    }

    /** This member's Raft address. */
    public Endpoint raftEndpoint() {
        return peers.endpoint(node);
    }

    /** Where the admin HTTP server listens: the Raft host, {@link #httpPort()}. */
    public InetSocketAddress httpAddress() {
        return address(httpPort);
    }

    /** {@code port} on this member's Raft host, where its HTTP and its example's front ends listen too. */
    public InetSocketAddress address(int port) {
        return new InetSocketAddress(raftEndpoint().host(), port);
    }

    /**
     * How this member's own front ends reach the group: this member first (in-process, see
     * {@code RaftClients.inProcess}), then the others, over the same transport settings. A member holds at most
     * {@code maxPendingProposals} requests anyway, so the client's cap matches it rather than adding a second, lower
     * one that every front-end connection would share.
     */
    public ClientConfig frontEndClientConfig() {
        RaftConfig raft = raftConfig();
        ClientConfig.Builder builder = ClientConfig.builder().group(group).transport("netty")
                .endpoint(raftEndpoint()).maxInFlight(raft.maxPendingProposals());
        peers.members().forEach((id, endpoint) -> {
            if (!id.equals(node)) {
                builder.endpoint(endpoint);
            }
        });
        properties.forEach(builder::property);
        return builder.build();
    }

    /** The member's Raft configuration: {@code netty} transport, {@code file} stores, framework defaults otherwise. */
    public RaftConfig raftConfig() {
        RaftConfig.Builder builder = RaftConfig.builder().node(node).group(group).membership(peers)
                .transport("netty").storage("file").dataDir(dataDir);
        properties.forEach(builder::property);
        return builder.build();
    }
}
