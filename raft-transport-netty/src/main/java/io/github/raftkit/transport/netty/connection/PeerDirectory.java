package io.github.raftkit.transport.netty.connection;

import io.github.raftkit.api.NodeId;
import java.util.Map;

/**
 * This node and the links to its peers. Fixes who dials whom: of each pair, the member with the smaller id dials and
 * the other accepts, so a pair shares exactly one connection. Immutable; any thread.
 *
 * @param self this node
 * @param links one link per peer
 */
public record PeerDirectory(NodeId self, Map<NodeId, PeerLink> links) {
    public PeerDirectory {
        links = Map.copyOf(links);
    }

    /** Whether this node dials {@code peer} (rather than waiting for it to dial). */
    public boolean dials(NodeId peer) {
        return self.compareTo(peer) < 0;
    }

    /** The link to {@code peer}, or {@code null} if it is not a peer. */
    public PeerLink link(NodeId peer) {
        return links.get(peer);
    }
}
