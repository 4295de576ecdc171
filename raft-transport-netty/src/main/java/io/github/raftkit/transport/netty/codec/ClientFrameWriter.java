package io.github.raftkit.transport.netty.codec;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.client.ClientReply;
import io.github.raftkit.api.client.ClientRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.Optional;

/**
 * The bodies of client frames, for {@link FrameWriter}: {@code correlationId:i64} and then the request's or reply's
 * fields (see {@code docs/protocol.md}). Payloads are copied into the frame: commands, queries and results are
 * usually small, and one buffer is cheaper than a composite for those. Stateless.
 */
final class ClientFrameWriter {
    /** A rejection's message is cut to this many characters: it is for people, and a long one only costs. */
    static final int MAX_MESSAGE_CHARS = 1000;
    /** A text field holds at most this many UTF-8 bytes; a cut message always fits. */
    static final int MAX_TEXT_BYTES = 4096;
    /** The leader's host is a length byte and at most this many UTF-8 bytes (DNS names have at most 253). */
    static final int MAX_HOST_BYTES = 255;
    static final int FLAG_LEADER = 1;

    private static final int LONG = Long.BYTES;

    private ClientFrameWriter() {
    }

    static FrameType typeOf(ClientRequest request) {
        if (request instanceof ClientRequest.Register) {
            return FrameType.CLIENT_REGISTER;
        } else if (request instanceof ClientRequest.Write) {
            return FrameType.CLIENT_WRITE;
        } else if (request instanceof ClientRequest.Read) {
            return FrameType.CLIENT_READ;
        } else if (request instanceof ClientRequest.ReadBarrier) {
            return FrameType.CLIENT_READ_BARRIER;
        }
        return FrameType.CLIENT_FORWARDED;
    }

    static FrameType typeOf(ClientReply reply) {
        if (reply instanceof ClientReply.Result) {
            return FrameType.CLIENT_RESULT;
        } else if (reply instanceof ClientReply.Registered) {
            return FrameType.CLIENT_REGISTERED;
        } else if (reply instanceof ClientReply.ReadIndex) {
            return FrameType.CLIENT_READ_INDEX;
        }
        return FrameType.CLIENT_REJECTED;
    }

    static long bodySize(Object frame) {
        if (frame instanceof ClientRequestFrame request) {
            return LONG + requestSize(request.request());
        }
        return LONG + replySize(((ClientReplyFrame) frame).reply());
    }

    static void writeBody(ByteBuf out, Object frame) {
        if (frame instanceof ClientRequestFrame request) {
            out.writeLong(request.correlationId());
            writeRequest(out, request.request());
        } else {
            ClientReplyFrame reply = (ClientReplyFrame) frame;
            out.writeLong(reply.correlationId());
            writeReply(out, reply.reply());
        }
    }

    private static long requestSize(ClientRequest request) {
        long group = FrameWriter.idSize(request.group().value());
        if (request instanceof ClientRequest.Write write) {
            return group + 3 * LONG + Integer.BYTES + write.command().length;
        } else if (request instanceof ClientRequest.Read read) {
            return group + 1 + Integer.BYTES + read.query().length + Integer.BYTES;
        } else if (request instanceof ClientRequest.Forwarded forwarded) {
            return 1 + requestSize(forwarded.request());
        }
        return group;
    }

    private static void writeRequest(ByteBuf out, ClientRequest request) {
        if (request instanceof ClientRequest.Forwarded forwarded) {
            // The record refuses a forwarded request inside another, so the inner one is always a plain kind.
            out.writeByte(typeOf(forwarded.request()).code());
            writeRequest(out, forwarded.request());
            return;
        }
        FrameWriter.writeId(out, request.group().value());
        if (request instanceof ClientRequest.Write write) {
            out.writeLong(write.clientId()).writeLong(write.sequence()).writeLong(write.acknowledgedBelow())
                    .writeInt(write.command().length).writeBytes(write.command());
        } else if (request instanceof ClientRequest.Read read) {
            out.writeByte(ClientCodes.code(read.consistency())).writeInt(read.query().length)
                    .writeBytes(read.query()).writeInt((int) read.maxWait().toMillis());
        }
    }

    private static long replySize(ClientReply reply) {
        if (reply instanceof ClientReply.Result result) {
            return Integer.BYTES + (long) result.value().length;
        } else if (reply instanceof ClientReply.Rejected rejected) {
            long size = 1 + textSize(message(rejected)) + 1;
            Optional<Endpoint> leader = leader(rejected);
            if (leader.isPresent()) {
                size += 1 + ByteBufUtil.utf8Bytes(leader.get().host()) + Short.BYTES;
            }
            return size;
        }
        return LONG;
    }

    private static void writeReply(ByteBuf out, ClientReply reply) {
        if (reply instanceof ClientReply.Result result) {
            out.writeInt(result.value().length).writeBytes(result.value());
        } else if (reply instanceof ClientReply.Registered registered) {
            out.writeLong(registered.clientId());
        } else if (reply instanceof ClientReply.ReadIndex readIndex) {
            out.writeLong(readIndex.index());
        } else {
            ClientReply.Rejected rejected = (ClientReply.Rejected) reply;
            out.writeByte(ClientCodes.code(rejected.error()));
            writeText(out, message(rejected));
            Optional<Endpoint> leader = leader(rejected);
            out.writeByte(leader.isPresent() ? FLAG_LEADER : 0);
            leader.ifPresent(endpoint -> {
                out.writeByte(ByteBufUtil.utf8Bytes(endpoint.host()));
                ByteBufUtil.writeUtf8(out, endpoint.host());
                out.writeShort(endpoint.port());
            });
        }
    }

    private static String message(ClientReply.Rejected rejected) {
        String message = rejected.message();
        if (message.length() <= MAX_MESSAGE_CHARS) {
            return message;
        }
        int end = MAX_MESSAGE_CHARS;
        // Never cut between the halves of a surrogate pair: the rest would not be valid UTF-8.
        if (Character.isHighSurrogate(message.charAt(end - 1))) {
            end--;
        }
        return message.substring(0, end);
    }

    /** The leader hint, unless its host is too long to encode; a hint is optional, so it is left out then. */
    private static Optional<Endpoint> leader(ClientReply.Rejected rejected) {
        return rejected.leader().filter(endpoint -> ByteBufUtil.utf8Bytes(endpoint.host()) <= MAX_HOST_BYTES);
    }

    private static int textSize(String text) {
        return Short.BYTES + ByteBufUtil.utf8Bytes(text);
    }

    private static void writeText(ByteBuf out, String text) {
        out.writeShort(ByteBufUtil.utf8Bytes(text));
        ByteBufUtil.writeUtf8(out, text);
    }
}
