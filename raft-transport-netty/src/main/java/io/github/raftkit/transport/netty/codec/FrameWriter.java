package io.github.raftkit.transport.netty.codec;

import io.github.raftkit.api.log.EntryType;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.api.message.AppendEntries;
import io.github.raftkit.api.message.AppendEntriesResponse;
import io.github.raftkit.api.message.InstallSnapshot;
import io.github.raftkit.api.message.InstallSnapshotResponse;
import io.github.raftkit.api.message.RaftMessage;
import io.github.raftkit.api.message.RequestVote;
import io.github.raftkit.api.message.RequestVoteResponse;
import io.github.raftkit.api.message.TimeoutNow;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;

/**
 * Turns a {@link RaftMessage}, a {@link Hello} or a client frame ({@link ClientFrameWriter}) into one frame. Stateless; safe on any thread.
 *
 * <p>Payloads of at least {@link #ZERO_COPY_MIN_BYTES} (entry data, snapshot chunks) are not copied: the frame becomes
 * a composite buffer that wraps the caller's arrays, which {@link RaftMessage} promises nobody changes. Smaller ones
 * are copied, since a copy of a few hundred bytes is cheaper than another buffer component.
 */
public final class FrameWriter {
    /** Payloads this large or larger are wrapped rather than copied. */
    public static final int ZERO_COPY_MIN_BYTES = 4096;

    static final int ENTRY_COMMAND = 0;
    static final int ENTRY_NO_OP = 1;
    static final int FLAG_1 = 1;
    static final int FLAG_2 = 2;

    private static final int LONG = Long.BYTES;
    private static final int ENTRY_FIXED_BYTES = LONG + 1 + Integer.BYTES;

    private FrameWriter() {
    }

    /**
     * The frame's full size in bytes, header included; cheap (no encoding).
     *
     * @throws IllegalArgumentException if the frame cannot be encoded, as {@link #write} would
     */
    public static int frameSize(Object frame) {
        FrameType type = typeOf(frame);
        if (type == FrameType.APPEND_ENTRIES) {
            requireConsecutive((AppendEntries) frame);
        }
        long size = WireFormat.HEADER_BYTES + bodySize(type, frame);
        // A frame this large could never be sent; the caller's size limit refuses it.
        return (int) Math.min(Integer.MAX_VALUE, size);
    }

    /**
     * Encodes a frame. The caller owns the returned buffer.
     *
     * @throws IllegalArgumentException if an {@link AppendEntries} carries entries that are not consecutive from
     *     {@code prevLogIndex + 1}, which the wire format cannot express (and no valid sender produces)
     */
    public static ByteBuf write(ByteBufAllocator alloc, Object frame) {
        FrameType type = typeOf(frame);
        if (type == FrameType.APPEND_ENTRIES) {
            requireConsecutive((AppendEntries) frame);
        }
        long body = bodySize(type, frame);
        if (body > Integer.MAX_VALUE - WireFormat.HEADER_BYTES) {
            throw new IllegalArgumentException("frame of " + body + " body bytes cannot be encoded");
        }
        ByteBuf out = alloc.buffer(WireFormat.HEADER_BYTES + inlineBodySize(type, frame, body));
        out.writeInt(WireFormat.MAGIC).writeByte(WireFormat.VERSION).writeByte(type.code()).writeInt((int) body);
        BodySink sink = new BodySink(alloc, out);
        writeBody(sink, type, frame);
        return sink.finish();
    }

    private static void writeBody(BodySink sink, FrameType type, Object frame) {
        ByteBuf out = sink.current;
        switch (type) {
            case CLIENT_REGISTER, CLIENT_WRITE, CLIENT_READ, CLIENT_READ_BARRIER, CLIENT_FORWARDED, CLIENT_RESULT,
                    CLIENT_REGISTERED, CLIENT_READ_INDEX, CLIENT_REJECTED -> ClientFrameWriter.writeBody(out, frame);
            case HELLO -> {
                Hello hello = (Hello) frame;
                writeId(out, hello.from().value());
                writeId(out, hello.to().value());
            }
            case REQUEST_VOTE -> {
                RequestVote m = (RequestVote) frame;
                writeCommon(out, m);
                out.writeLong(m.lastLogIndex()).writeLong(m.lastLogTerm());
                out.writeByte(flags(m.preVote(), m.leadershipTransfer()));
            }
            case REQUEST_VOTE_RESPONSE -> {
                RequestVoteResponse m = (RequestVoteResponse) frame;
                writeCommon(out, m);
                out.writeByte(flags(m.preVote(), m.granted()));
            }
            case APPEND_ENTRIES -> {
                AppendEntries m = (AppendEntries) frame;
                writeCommon(out, m);
                out.writeLong(m.prevLogIndex()).writeLong(m.prevLogTerm()).writeLong(m.leaderCommit())
                        .writeLong(m.round()).writeInt(m.entries().size());
                for (LogEntry entry : m.entries()) {
                    sink.current.writeLong(entry.term()).writeByte(entryCode(entry.type()))
                            .writeInt(entry.data().length);
                    sink.payload(entry.data());
                }
            }
            case APPEND_ENTRIES_RESPONSE -> {
                AppendEntriesResponse m = (AppendEntriesResponse) frame;
                writeCommon(out, m);
                out.writeByte(flags(m.success(), false));
                out.writeLong(m.matchIndex()).writeLong(m.rejectedIndex()).writeLong(m.conflictTerm())
                        .writeLong(m.conflictIndex()).writeLong(m.round());
            }
            case INSTALL_SNAPSHOT -> {
                InstallSnapshot m = (InstallSnapshot) frame;
                writeCommon(out, m);
                out.writeLong(m.snapshot().lastIncludedIndex()).writeLong(m.snapshot().lastIncludedTerm())
                        .writeShort(m.snapshot().members().size());
                m.snapshot().members().forEach(member -> writeId(out, member.value()));
                out.writeLong(m.offset()).writeLong(m.checksum()).writeByte(flags(m.done(), false))
                        .writeInt(m.chunk().length);
                sink.payload(m.chunk());
            }
            case INSTALL_SNAPSHOT_RESPONSE -> {
                InstallSnapshotResponse m = (InstallSnapshotResponse) frame;
                writeCommon(out, m);
                out.writeLong(m.lastIncludedIndex()).writeLong(m.nextOffset()).writeByte(flags(m.accepted(), false));
            }
            case TIMEOUT_NOW -> writeCommon(out, (TimeoutNow) frame);
        }
    }

    /** The frame type of a {@link RaftMessage}, a {@link Hello} or a client frame. */
    static FrameType typeOf(Object frame) {
        if (frame instanceof ClientRequestFrame request) {
            return ClientFrameWriter.typeOf(request.request());
        } else if (frame instanceof ClientReplyFrame reply) {
            return ClientFrameWriter.typeOf(reply.reply());
        } else if (frame instanceof AppendEntries) {
            return FrameType.APPEND_ENTRIES;
        } else if (frame instanceof AppendEntriesResponse) {
            return FrameType.APPEND_ENTRIES_RESPONSE;
        } else if (frame instanceof RequestVote) {
            return FrameType.REQUEST_VOTE;
        } else if (frame instanceof RequestVoteResponse) {
            return FrameType.REQUEST_VOTE_RESPONSE;
        } else if (frame instanceof InstallSnapshot) {
            return FrameType.INSTALL_SNAPSHOT;
        } else if (frame instanceof InstallSnapshotResponse) {
            return FrameType.INSTALL_SNAPSHOT_RESPONSE;
        } else if (frame instanceof TimeoutNow) {
            return FrameType.TIMEOUT_NOW;
        } else if (frame instanceof Hello) {
            return FrameType.HELLO;
        }
        throw new IllegalArgumentException("not a frame: " + frame.getClass().getName());
    }

    private static long bodySize(FrameType type, Object frame) {
        return switch (type) {
            case HELLO -> idSize(((Hello) frame).from().value()) + idSize(((Hello) frame).to().value());
            case REQUEST_VOTE -> commonSize((RaftMessage) frame) + 2 * LONG + 1;
            case REQUEST_VOTE_RESPONSE -> commonSize((RaftMessage) frame) + 1;
            case APPEND_ENTRIES -> commonSize((RaftMessage) frame) + 4 * LONG + Integer.BYTES
                    + entriesSize(((AppendEntries) frame).entries());
            case APPEND_ENTRIES_RESPONSE -> commonSize((RaftMessage) frame) + 1 + 5 * LONG;
            case INSTALL_SNAPSHOT -> commonSize((RaftMessage) frame) + 4 * LONG + Short.BYTES
                    + membersSize(((InstallSnapshot) frame).snapshot().members()) + 1 + Integer.BYTES
                    + (long) ((InstallSnapshot) frame).chunk().length;
            case INSTALL_SNAPSHOT_RESPONSE -> commonSize((RaftMessage) frame) + 2 * LONG + 1;
            case TIMEOUT_NOW -> commonSize((RaftMessage) frame);
            case CLIENT_REGISTER, CLIENT_WRITE, CLIENT_READ, CLIENT_READ_BARRIER, CLIENT_FORWARDED, CLIENT_RESULT,
                    CLIENT_REGISTERED, CLIENT_READ_INDEX, CLIENT_REJECTED -> ClientFrameWriter.bodySize(frame);
        };
    }

    /** The body bytes written into the first buffer: everything except the wrapped payloads. */
    private static int inlineBodySize(FrameType type, Object frame, long bodySize) {
        long wrapped = 0;
        if (type == FrameType.APPEND_ENTRIES) {
            for (LogEntry entry : ((AppendEntries) frame).entries()) {
                wrapped += isWrapped(entry.data()) ? entry.data().length : 0;
            }
        } else if (type == FrameType.INSTALL_SNAPSHOT) {
            byte[] chunk = ((InstallSnapshot) frame).chunk();
            wrapped = isWrapped(chunk) ? chunk.length : 0;
        }
        return (int) (bodySize - wrapped);
    }

    private static long entriesSize(List<LogEntry> entries) {
        long sum = 0;
        for (LogEntry entry : entries) {
            sum += ENTRY_FIXED_BYTES + entry.data().length;
        }
        return sum;
    }

    private static long membersSize(List<NodeId> members) {
        long sum = 0;
        for (NodeId member : members) {
            sum += idSize(member.value());
        }
        return sum;
    }

    private static int commonSize(RaftMessage m) {
        return idSize(m.group().value()) + idSize(m.from().value()) + idSize(m.to().value()) + LONG;
    }

    static int idSize(String id) {
        return 1 + ByteBufUtil.utf8Bytes(id);
    }

    private static void writeCommon(ByteBuf out, RaftMessage m) {
        writeId(out, m.group().value());
        writeId(out, m.from().value());
        writeId(out, m.to().value());
        out.writeLong(m.term());
    }

    static void writeId(ByteBuf out, String id) {
        // NodeId and GroupId hold at most 64 chars, so at most 192 UTF-8 bytes: one length byte is enough.
        out.writeByte(ByteBufUtil.utf8Bytes(id));
        ByteBufUtil.writeUtf8(out, id);
    }

    private static int flags(boolean first, boolean second) {
        return (first ? FLAG_1 : 0) | (second ? FLAG_2 : 0);
    }

    private static int entryCode(EntryType type) {
        return switch (type) {
            case COMMAND -> ENTRY_COMMAND;
            case NO_OP -> ENTRY_NO_OP;
        };
    }

    private static boolean isWrapped(byte[] payload) {
        return payload.length >= ZERO_COPY_MIN_BYTES;
    }

    private static void requireConsecutive(AppendEntries append) {
        long expected = append.prevLogIndex() + 1;
        for (LogEntry entry : append.entries()) {
            if (entry.index() != expected) {
                throw new IllegalArgumentException("AppendEntries after index " + append.prevLogIndex()
                        + " carries entry " + entry.index() + " where " + expected + " belongs");
            }
            expected++;
        }
    }

    /**
     * Collects a body into one buffer, or into a composite when a large payload is wrapped in place. Only the
     * composite case allocates more than the first buffer.
     */
    private static final class BodySink {
        private final ByteBufAllocator alloc;
        private ByteBuf current;
        private CompositeByteBuf composite;

        BodySink(ByteBufAllocator alloc, ByteBuf first) {
            this.alloc = alloc;
            this.current = first;
        }

        void payload(byte[] data) {
            if (!isWrapped(data)) {
                current.writeBytes(data);
                return;
            }
            if (composite == null) {
                composite = alloc.compositeBuffer(Integer.MAX_VALUE);
            }
            composite.addComponent(true, current);
            composite.addComponent(true, Unpooled.wrappedBuffer(data));
            // The rest of the inline bytes follow in a fresh buffer; it grows as needed and is usually small.
            current = alloc.buffer();
        }

        ByteBuf finish() {
            if (composite == null) {
                return current;
            }
            if (current.isReadable()) {
                composite.addComponent(true, current);
            } else {
                current.release();
            }
            return composite;
        }
    }
}
