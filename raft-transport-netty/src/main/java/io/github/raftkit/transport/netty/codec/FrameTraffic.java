package io.github.raftkit.transport.netty.codec;

/**
 * Told about every whole frame a connection reads or writes, for the per-peer byte and frame counters. Called on the
 * connection's event loop thread.
 */
public interface FrameTraffic {
    /** A frame of {@code bytes} bytes (header included) was decoded. */
    void received(int bytes);

    /** A frame of {@code bytes} bytes (header included) was encoded for writing. */
    void sent(int bytes);

    /** Counts nothing; for decoding outside a transport, as codec tests and tools do. */
    FrameTraffic NONE = new FrameTraffic() {
        @Override
        public void received(int bytes) {
        }

        @Override
        public void sent(int bytes) {
        }
    };
}
