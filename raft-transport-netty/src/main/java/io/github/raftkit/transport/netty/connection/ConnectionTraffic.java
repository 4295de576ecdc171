package io.github.raftkit.transport.netty.connection;

import io.github.raftkit.transport.netty.codec.FrameTraffic;

/**
 * Routes one connection's frame counts to the right peer's meters: those of unidentified connections until the peer
 * is known. Confined to the connection's event loop thread.
 */
final class ConnectionTraffic implements FrameTraffic {
    private FrameTraffic target;

    ConnectionTraffic(FrameTraffic initial) {
        this.target = initial;
    }

    /** From now on, count for {@code peer}. */
    void identify(FrameTraffic peer) {
        target = peer;
    }

    @Override
    public void received(int bytes) {
        target.received(bytes);
    }

    @Override
    public void sent(int bytes) {
        target.sent(bytes);
    }
}
