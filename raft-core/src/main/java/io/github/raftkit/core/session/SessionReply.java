package io.github.raftkit.core.session;

import io.github.raftkit.api.client.ClientError;
import io.github.raftkit.api.client.ClientReply;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The result of a client entry as the apply stage hands it to whoever proposed it: a tag byte, then the state
 * machine's result, the new client id, or nothing. Decoded straight into the {@link ClientReply} the client gets.
 */
public final class SessionReply {
    private static final byte OK = 0;
    private static final byte REGISTERED = 1;
    private static final byte EXPIRED = 2;
    private static final byte UNAVAILABLE = 3;
    private static final byte TOO_MANY = 4;
    private static final byte MALFORMED = 5;

    private SessionReply() {
    }

    static byte[] ok(byte[] result) {
        return Envelope.tagged(OK, result);
    }

    static byte[] registered(long clientId) {
        return ByteBuffer.allocate(1 + Long.BYTES).put(REGISTERED).putLong(clientId).array();
    }

    static byte[] expired() {
        return new byte[] {EXPIRED};
    }

    static byte[] unavailable() {
        return new byte[] {UNAVAILABLE};
    }

    static byte[] tooMany() {
        return new byte[] {TOO_MANY};
    }

    static byte[] malformed(String problem) {
        return Envelope.tagged(MALFORMED, problem.getBytes(StandardCharsets.UTF_8));
    }

    /** The client's view of a client entry's result; {@code clientId} and {@code sequence} go into messages. */
    public static ClientReply decode(byte[] reply, long clientId, long sequence) {
        String write = "write " + sequence + " of client " + clientId;
        return switch (reply[0]) {
            case OK -> new ClientReply.Result(Arrays.copyOfRange(reply, 1, reply.length));
            case REGISTERED -> new ClientReply.Registered(ByteBuffer.wrap(reply, 1, Long.BYTES).getLong());
            case EXPIRED -> rejected(ClientError.SESSION_EXPIRED, "client " + clientId
                    + " has no session (expired or evicted); " + write + " was not applied now");
            case UNAVAILABLE -> rejected(ClientError.RESULT_UNAVAILABLE, write
                    + " was applied before and is not applied again, but its result is no longer kept");
            case TOO_MANY -> rejected(ClientError.TOO_MANY_UNACKNOWLEDGED, "client " + clientId
                    + " has too many unacknowledged writes (sessions.maxUnacknowledged); " + write
                    + " was not applied");
            case MALFORMED -> rejected(ClientError.BAD_REQUEST, "malformed client entry: "
                    + new String(reply, 1, reply.length - 1, StandardCharsets.UTF_8));
            default -> throw new IllegalStateException("unknown session reply tag " + reply[0]);
        };
    }

    private static ClientReply rejected(ClientError error, String message) {
        return new ClientReply.Rejected(error, message, Optional.empty());
    }
}
