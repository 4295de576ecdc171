package io.github.raftkit.core.session;

import java.nio.ByteBuffer;

/**
 * How a command travels in the log. The first byte says what it is: a plain command proposed through
 * {@link io.github.raftkit.api.RaftServer#propose}, a client registering a session, or a client's write in its
 * session. Client entries carry the leader's wall-clock time when it proposed them, which is the only clock the
 * session table knows. All integers big-endian.
 *
 * <pre>
 *   plain:    0x00 payload
 *   register: 0x01 leaderMillis:i64
 *   write:    0x02 clientId:i64 sequence:i64 acknowledgedBelow:i64 leaderMillis:i64 payload
 * </pre>
 */
sealed interface Envelope {
    byte PLAIN = 0;
    byte REGISTER = 1;
    byte WRITE = 2;
    int WRITE_HEADER = 1 + 4 * Long.BYTES;

    /** A command without a session. */
    record Plain(byte[] payload) implements Envelope {
    }

    /** A client asks for a session; its id will be this entry's index. */
    record Register(long leaderMillis) implements Envelope {
    }

    /** A client's write in its session. */
    record Write(long clientId, long sequence, long acknowledgedBelow, long leaderMillis, byte[] payload)
            implements Envelope {
    }

    /** An entry that no version of this code wrote; refused, never applied. */
    record Malformed(String problem) implements Envelope {
    }

    static byte[] plain(byte[] payload) {
        return tagged(PLAIN, payload);
    }

    /** {@code tag} followed by {@code payload}: the shape of plain entries and of most session replies. */
    static byte[] tagged(byte tag, byte[] payload) {
        byte[] bytes = new byte[1 + payload.length];
        bytes[0] = tag;
        System.arraycopy(payload, 0, bytes, 1, payload.length);
        return bytes;
    }

    static byte[] register(long leaderMillis) {
        return ByteBuffer.allocate(1 + Long.BYTES).put(REGISTER).putLong(leaderMillis).array();
    }

    static byte[] write(long clientId, long sequence, long acknowledgedBelow, long leaderMillis, byte[] payload) {
        return ByteBuffer.allocate(WRITE_HEADER + payload.length).put(WRITE).putLong(clientId).putLong(sequence)
                .putLong(acknowledgedBelow).putLong(leaderMillis).put(payload).array();
    }

    /** Reads an entry's data; never throws, since every replica must treat a bad entry the same way. */
    static Envelope decode(byte[] data) {
        if (data.length == 0) {
            return new Malformed("empty command");
        }
        ByteBuffer buffer = ByteBuffer.wrap(data);
        byte kind = buffer.get();
        switch (kind) {
            case PLAIN:
                return new Plain(rest(buffer));
            case REGISTER:
                return data.length == 1 + Long.BYTES ? new Register(buffer.getLong())
                        : new Malformed("register entry of " + data.length + " bytes");
            case WRITE:
                if (data.length < WRITE_HEADER) {
                    return new Malformed("write entry of " + data.length + " bytes");
                }
                return new Write(buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.getLong(),
                        rest(buffer));
            default:
                return new Malformed("unknown command kind " + kind);
        }
    }

    private static byte[] rest(ByteBuffer buffer) {
        byte[] payload = new byte[buffer.remaining()];
        buffer.get(payload);
        return payload;
    }
}
