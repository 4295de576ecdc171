package io.github.raftkit.transport.netty.codec;

/**
 * The type byte of a frame. The byte space is split into ranges so that later kinds of frames get a home without
 * renumbering (see {@code docs/protocol.md}):
 *
 * <ul>
 *   <li>{@code 0x01..0x3F} Raft messages between members, one per {@link io.github.raftkit.api.message.RaftMessage}
 *       record;</li>
 *   <li>{@code 0x40..0x7F} client traffic: requests from {@code 0x40}, replies from {@code 0x60}, one per
 *       {@link io.github.raftkit.api.client.ClientRequest} and {@link io.github.raftkit.api.client.ClientReply}
 *       record;</li>
 *   <li>{@code 0x80..0xBF} connection control, such as {@link #HELLO};</li>
 *   <li>everything else is invalid.</li>
 * </ul>
 *
 * <p>Immutable; used from any thread.
 */
public enum FrameType {
    REQUEST_VOTE(0x01),
    REQUEST_VOTE_RESPONSE(0x02),
    APPEND_ENTRIES(0x03),
    APPEND_ENTRIES_RESPONSE(0x04),
    INSTALL_SNAPSHOT(0x05),
    INSTALL_SNAPSHOT_RESPONSE(0x06),
    TIMEOUT_NOW(0x07),
    CLIENT_REGISTER(0x40),
    CLIENT_WRITE(0x41),
    CLIENT_READ(0x42),
    CLIENT_READ_BARRIER(0x43),
    /** Wraps one request of the four kinds above; never another forwarded one. */
    CLIENT_FORWARDED(0x44),
    CLIENT_RESULT(0x60),
    CLIENT_REGISTERED(0x61),
    CLIENT_READ_INDEX(0x62),
    CLIENT_REJECTED(0x63),
    /** The first frame a dialling member sends: who it is and whom it meant to reach. */
    HELLO(0x80);

    /** First code of the range of client request and reply frames. */
    public static final int FIRST_CLIENT_CODE = 0x40;
    /** Last code of the range of client request and reply frames. */
    public static final int LAST_CLIENT_CODE = 0x7F;

    private static final FrameType[] BY_CODE = new FrameType[256];

    static {
        for (FrameType type : values()) {
            BY_CODE[type.code] = type;
        }
    }

    private final int code;

    FrameType(int code) {
        this.code = code;
    }

    /** The byte written on the wire. */
    public int code() {
        return code;
    }

    /** The type with this code, or {@code null} if this version knows none. */
    static FrameType ofCode(int unsignedCode) {
        return BY_CODE[unsignedCode & 0xFF];
    }

    /** Whether this type carries client traffic rather than Raft messages or connection control. */
    public boolean isClient() {
        return code >= FIRST_CLIENT_CODE && code <= LAST_CLIENT_CODE;
    }
}
