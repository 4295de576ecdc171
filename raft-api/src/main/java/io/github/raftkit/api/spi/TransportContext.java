package io.github.raftkit.api.spi;

import io.github.raftkit.api.Membership;
import io.github.raftkit.api.NodeId;
import java.util.Map;

/**
 * What a transport is told when it is created.
 *
 * @param self the local member, which listens at {@code membership.endpoint(self)}
 * @param membership the members it may exchange messages with, and their endpoints
 * @param properties plugin settings from the configuration
 */
public record TransportContext(NodeId self, Membership membership, Map<String, String> properties) {
    public TransportContext {
        properties = Map.copyOf(properties);
    }
}
