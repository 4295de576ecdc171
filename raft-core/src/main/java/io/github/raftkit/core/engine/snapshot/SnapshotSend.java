package io.github.raftkit.core.engine.snapshot;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.spi.SnapshotMetadata;

/**
 * A leader's request that the runtime send {@code to} the chunk of {@code snapshot} that starts at {@code offset},
 * as an {@link io.github.raftkit.api.message.InstallSnapshot} in {@code term}. The runtime reads the chunk from its
 * snapshot store (the engine never holds snapshot bytes), marks it done when it reaches the end, and on the last
 * chunk sends the checksum of the whole snapshot.
 */
public record SnapshotSend(NodeId to, long term, SnapshotMetadata snapshot, long offset) {
}
