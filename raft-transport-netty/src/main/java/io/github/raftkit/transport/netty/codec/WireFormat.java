package io.github.raftkit.transport.netty.codec;

/**
 * The constants of the frame header (see {@code docs/protocol.md}). Every frame is
 * {@code magic:u32 version:u8 type:u8 bodyLength:u32 body}, big-endian.
 */
public final class WireFormat {
    /** "RAFT" in ASCII: lets a node tell a raftkit peer from anything else after four bytes. */
    public static final int MAGIC = 0x52414654;
    /** The only protocol version this code speaks. */
    public static final int VERSION = 2;
    /** Bytes before the body: magic, version, type, body length. */
    public static final int HEADER_BYTES = 4 + 1 + 1 + 4;
    /** The smallest maximum frame size a node may be configured with: room for any control frame. */
    public static final int MIN_MAX_FRAME_BYTES = 64 * 1024;

    private WireFormat() {
    }
}
