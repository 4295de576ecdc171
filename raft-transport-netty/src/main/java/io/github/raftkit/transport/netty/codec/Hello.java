package io.github.raftkit.transport.netty.codec;

import io.github.raftkit.api.NodeId;

/**
 * The first frame on a connection a member dials: {@code from} names the dialler, {@code to} the member it meant to
 * reach, so that a connection to the wrong port or from a stranger is refused before any message is taken.
 */
public record Hello(NodeId from, NodeId to) {
}
