package io.github.raftkit.api.spi;

import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.NodeId;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What a store is told when it is opened.
 *
 * @param node the member the store belongs to
 * @param group the group it belongs to
 * @param dataDir the directory for the store's files, when configured
 * @param properties plugin settings from the configuration
 */
public record StorageContext(NodeId node, GroupId group, Optional<Path> dataDir, Map<String, String> properties) {
    public StorageContext {
        properties = Map.copyOf(properties);
    }
}
