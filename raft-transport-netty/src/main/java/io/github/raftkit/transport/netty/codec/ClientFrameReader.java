package io.github.raftkit.transport.netty.codec;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.client.ClientError;
import io.github.raftkit.api.client.ClientReply;
import io.github.raftkit.api.client.ClientRequest;
import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.util.Optional;

/**
 * Parses client frame bodies for {@link FrameReader}, which turns what this throws into a
 * {@link MalformedReason#BAD_BODY} refusal: {@link IndexOutOfBoundsException} for a body that ends early,
 * {@link IllegalArgumentException} for a value no valid client sends. Stateless.
 */
final class ClientFrameReader {
    private ClientFrameReader() {
    }

    static Object read(FrameType type, ByteBuf in) {
        long correlationId = in.readLong();
        return switch (type) {
            case CLIENT_REGISTER, CLIENT_WRITE, CLIENT_READ, CLIENT_READ_BARRIER ->
                    new ClientRequestFrame(correlationId, request(type, in));
            case CLIENT_FORWARDED -> new ClientRequestFrame(correlationId, forwarded(in));
            case CLIENT_RESULT -> new ClientReplyFrame(correlationId, new ClientReply.Result(FrameReader.bytes(in)));
            case CLIENT_REGISTERED -> new ClientReplyFrame(correlationId, new ClientReply.Registered(in.readLong()));
            case CLIENT_READ_INDEX -> new ClientReplyFrame(correlationId, new ClientReply.ReadIndex(in.readLong()));
            case CLIENT_REJECTED -> new ClientReplyFrame(correlationId, rejected(in));
            default -> throw new IllegalStateException(type + " is not a client frame");
        };
    }

    private static ClientRequest.Forwarded forwarded(ByteBuf in) {
        int code = in.readUnsignedByte();
        FrameType inner = FrameType.ofCode(code);
        if (inner == FrameType.CLIENT_FORWARDED) {
            // Followers forward once; a nested one would let a request loop between members.
            throw new IllegalArgumentException("a forwarded request wraps another forwarded request");
        }
        if (inner == null || !inner.isClient() || !isRequest(inner)) {
            throw new IllegalArgumentException("a forwarded request wraps type 0x" + Integer.toHexString(code)
                    + ", which is no client request");
        }
        return new ClientRequest.Forwarded(request(inner, in));
    }

    private static boolean isRequest(FrameType type) {
        return type == FrameType.CLIENT_REGISTER || type == FrameType.CLIENT_WRITE || type == FrameType.CLIENT_READ
                || type == FrameType.CLIENT_READ_BARRIER;
    }

    /** A plain request: the group, then the kind's own fields. */
    private static ClientRequest request(FrameType type, ByteBuf in) {
        GroupId group = GroupId.of(FrameReader.id(in));
        return switch (type) {
            case CLIENT_REGISTER -> new ClientRequest.Register(group);
            case CLIENT_WRITE -> new ClientRequest.Write(group, in.readLong(), in.readLong(), in.readLong(),
                    FrameReader.bytes(in));
            case CLIENT_READ -> new ClientRequest.Read(group, ClientCodes.consistency(in.readUnsignedByte()),
                    FrameReader.bytes(in), Duration.ofMillis(in.readInt()));
            case CLIENT_READ_BARRIER -> new ClientRequest.ReadBarrier(group);
            default -> throw new IllegalStateException(type + " is not a plain client request");
        };
    }

    private static ClientReply.Rejected rejected(ByteBuf in) {
        ClientError error = ClientCodes.error(in.readUnsignedByte());
        String message = text(in, in.readUnsignedShort(), ClientFrameWriter.MAX_TEXT_BYTES);
        int flags = in.readUnsignedByte();
        if ((flags & ~ClientFrameWriter.FLAG_LEADER) != 0) {
            throw new IllegalArgumentException("unknown flag bits 0x" + Integer.toHexString(flags));
        }
        Optional<Endpoint> leader = Optional.empty();
        if (flags == ClientFrameWriter.FLAG_LEADER) {
            String host = text(in, in.readUnsignedByte(), ClientFrameWriter.MAX_HOST_BYTES);
            leader = Optional.of(new Endpoint(host, in.readUnsignedShort()));
        }
        return new ClientReply.Rejected(error, message, leader);
    }

    private static String text(ByteBuf in, int length, int maxBytes) {
        if (length > maxBytes) {
            throw new IllegalArgumentException("text of " + length + " bytes exceeds the limit of " + maxBytes);
        }
        return FrameReader.utf8(in, length);
    }
}
