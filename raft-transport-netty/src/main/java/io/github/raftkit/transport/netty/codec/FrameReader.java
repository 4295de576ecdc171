package io.github.raftkit.transport.netty.codec;

import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.log.EntryType;
import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.api.message.AppendEntries;
import io.github.raftkit.api.message.AppendEntriesResponse;
import io.github.raftkit.api.message.InstallSnapshot;
import io.github.raftkit.api.spi.SnapshotMetadata;
import io.github.raftkit.api.message.InstallSnapshotResponse;
import io.github.raftkit.api.message.RequestVote;
import io.github.raftkit.api.message.RequestVoteResponse;
import io.github.raftkit.api.message.TimeoutNow;
import io.netty.buffer.ByteBuf;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a frame body whose header {@link FrameDecoder} already checked. Every length is checked against the bytes
 * actually present before anything is allocated, so a lying count or length costs nothing. Stateless; any thread.
 */
public final class FrameReader {
    /** The fewest bytes an entry takes: term, type, data length. Bounds the entry count a body can claim. */
    private static final int MIN_ENTRY_BYTES = Long.BYTES + 1 + Integer.BYTES;
    private static final int KNOWN_FLAGS = FrameWriter.FLAG_1 | FrameWriter.FLAG_2;

    private FrameReader() {
    }

    /**
     * Decodes {@code body}, all of which must belong to the frame.
     *
     * @return a {@link io.github.raftkit.api.message.RaftMessage}, a {@link Hello}, a {@link ClientRequestFrame} or a
     *     {@link ClientReplyFrame}
     * @throws MalformedFrameException with {@link MalformedReason#BAD_BODY} if the body does not hold exactly one valid
     *     value of {@code type}
     */
    public static Object read(FrameType type, ByteBuf body) {
        try {
            Object value = readBody(type, body);
            if (body.isReadable()) {
                throw bad(type, body.readableBytes() + " bytes left over after the body");
            }
            return value;
        } catch (IndexOutOfBoundsException e) {
            throw bad(type, "body ends early");
        } catch (IllegalArgumentException e) {
            // The records' own validation: an id too long, an entry term of 0, and the like.
            throw bad(type, e.getMessage());
        }
    }

    private static Object readBody(FrameType type, ByteBuf in) {
        if (type.isClient()) {
            return ClientFrameReader.read(type, in);
        }
        if (type == FrameType.HELLO) {
            return new Hello(node(in), node(in));
        }
        GroupId group = GroupId.of(id(in));
        NodeId from = node(in);
        NodeId to = node(in);
        long term = nonNegative(in, "term");
        return switch (type) {
            case REQUEST_VOTE -> {
                long lastLogIndex = nonNegative(in, "lastLogIndex");
                long lastLogTerm = nonNegative(in, "lastLogTerm");
                int flags = flags(in);
                yield new RequestVote(group, from, to, term, lastLogIndex, lastLogTerm, isSet(flags, FrameWriter.FLAG_1),
                        isSet(flags, FrameWriter.FLAG_2));
            }
            case REQUEST_VOTE_RESPONSE -> {
                int flags = flags(in);
                yield new RequestVoteResponse(group, from, to, term, isSet(flags, FrameWriter.FLAG_1),
                        isSet(flags, FrameWriter.FLAG_2));
            }
            case APPEND_ENTRIES -> readAppend(in, group, from, to, term);
            case APPEND_ENTRIES_RESPONSE -> {
                boolean success = isSet(flags(in), FrameWriter.FLAG_1);
                yield new AppendEntriesResponse(group, from, to, term, success, nonNegative(in, "matchIndex"),
                        nonNegative(in, "rejectedIndex"), nonNegative(in, "conflictTerm"),
                        nonNegative(in, "conflictIndex"), nonNegative(in, "round"));
            }
            case INSTALL_SNAPSHOT -> {
                SnapshotMetadata snapshot = readSnapshotMetadata(in);
                long offset = nonNegative(in, "offset");
                long checksum = in.readLong();
                boolean done = isSet(flags(in), FrameWriter.FLAG_1);
                yield new InstallSnapshot(group, from, to, term, snapshot, offset, bytes(in), done, checksum);
            }
            case INSTALL_SNAPSHOT_RESPONSE -> {
                long lastIncludedIndex = nonNegative(in, "lastIncludedIndex");
                long nextOffset = nonNegative(in, "nextOffset");
                yield new InstallSnapshotResponse(group, from, to, term, lastIncludedIndex, nextOffset,
                        isSet(flags(in), FrameWriter.FLAG_1));
            }
            case TIMEOUT_NOW -> new TimeoutNow(group, from, to, term);
            case HELLO, CLIENT_REGISTER, CLIENT_WRITE, CLIENT_READ, CLIENT_READ_BARRIER, CLIENT_FORWARDED, CLIENT_RESULT,
                    CLIENT_REGISTERED, CLIENT_READ_INDEX, CLIENT_REJECTED -> throw new IllegalStateException("handled above");
        };
    }

    private static AppendEntries readAppend(ByteBuf in, GroupId group, NodeId from, NodeId to, long term) {
        long prevLogIndex = nonNegative(in, "prevLogIndex");
        long prevLogTerm = nonNegative(in, "prevLogTerm");
        long leaderCommit = nonNegative(in, "leaderCommit");
        long round = nonNegative(in, "round");
        int count = in.readInt();
        if (count < 0 || count > in.readableBytes() / MIN_ENTRY_BYTES) {
            throw new IllegalArgumentException("entry count " + Integer.toUnsignedString(count)
                    + " cannot fit in the " + in.readableBytes() + " bytes left");
        }
        if (prevLogIndex > Long.MAX_VALUE - count) {
            throw new IllegalArgumentException("entries after index " + prevLogIndex + " overflow the index space");
        }
        List<LogEntry> entries = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            long entryTerm = in.readLong();
            EntryType entryType = entryType(in.readUnsignedByte());
            entries.add(new LogEntry(prevLogIndex + i, entryTerm, entryType, bytes(in)));
        }
        return new AppendEntries(group, from, to, term, prevLogIndex, prevLogTerm, entries, leaderCommit, round);
    }

    private static SnapshotMetadata readSnapshotMetadata(ByteBuf in) {
        long lastIncludedIndex = nonNegative(in, "lastIncludedIndex");
        long lastIncludedTerm = nonNegative(in, "lastIncludedTerm");
        int count = in.readUnsignedShort();
        // Each id takes at least two bytes (length and one character), so the count is checked before the list.
        if (count > in.readableBytes() / 2) {
            throw new IllegalArgumentException("member count " + count + " cannot fit in the " + in.readableBytes()
                    + " bytes left");
        }
        List<NodeId> members = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            members.add(node(in));
        }
        return new SnapshotMetadata(lastIncludedIndex, lastIncludedTerm, members);
    }

    private static NodeId node(ByteBuf in) {
        return NodeId.of(id(in));
    }

    /** An id: a length byte and that many bytes of strict UTF-8 (the records then check length and whitespace). */
    static String id(ByteBuf in) {
        return utf8(in, in.readUnsignedByte());
    }

    /** The next {@code length} bytes as strict UTF-8, checked against what is left before anything is made. */
    static String utf8(ByteBuf in, int length) {
        if (length > in.readableBytes()) {
            throw new IndexOutOfBoundsException();
        }
        int start = in.readerIndex();
        in.skipBytes(length);
        if (isAscii(in, start, length)) {
            return in.toString(start, length, StandardCharsets.US_ASCII);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(in.nioBuffer(start, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("an id or text is not valid UTF-8");
        }
    }

    private static boolean isAscii(ByteBuf in, int start, int length) {
        for (int i = start; i < start + length; i++) {
            if (in.getByte(i) < 0) {
                return false;
            }
        }
        return true;
    }

    /** A payload: a 32-bit length, checked against what is left before the array is made. */
    static byte[] bytes(ByteBuf in) {
        int length = in.readInt();
        if (length < 0 || length > in.readableBytes()) {
            throw new IllegalArgumentException("payload length " + Integer.toUnsignedString(length)
                    + " exceeds the " + in.readableBytes() + " bytes left");
        }
        byte[] data = new byte[length];
        in.readBytes(data);
        return data;
    }

    private static long nonNegative(ByteBuf in, String field) {
        long value = in.readLong();
        if (value < 0) {
            throw new IllegalArgumentException(field + " is negative: " + value);
        }
        return value;
    }

    private static int flags(ByteBuf in) {
        int flags = in.readUnsignedByte();
        if ((flags & ~KNOWN_FLAGS) != 0) {
            throw new IllegalArgumentException("unknown flag bits 0x" + Integer.toHexString(flags));
        }
        return flags;
    }

    private static boolean isSet(int flags, int flag) {
        return (flags & flag) != 0;
    }

    private static EntryType entryType(int code) {
        return switch (code) {
            case FrameWriter.ENTRY_COMMAND -> EntryType.COMMAND;
            case FrameWriter.ENTRY_NO_OP -> EntryType.NO_OP;
            default -> throw new IllegalArgumentException("unknown entry type " + code);
        };
    }

    private static MalformedFrameException bad(FrameType type, String detail) {
        return new MalformedFrameException(MalformedReason.BAD_BODY, type + ": " + detail);
    }
}
