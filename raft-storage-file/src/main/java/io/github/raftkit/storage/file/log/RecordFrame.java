package io.github.raftkit.storage.file.log;

import io.github.raftkit.api.log.EntryType;
import io.github.raftkit.api.log.LogEntry;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The framing of one log entry in a segment file (see {@code docs/storage-format.md}):
 *
 * <pre>
 *   header (12 bytes): int bodyLength, int crc32c(body), int crc32c(the 8 bytes before it)
 *   body:              long index, long term, byte type, payload
 * </pre>
 *
 * The header has a checksum of its own so that a damaged length is recognised as damage, not mistaken for a record
 * that a crash cut short. All integers are big-endian. Stateless.
 */
final class RecordFrame {
    static final int HEADER_BYTES = 12;
    static final int BODY_PREFIX_BYTES = 17;
    static final int OVERHEAD_BYTES = HEADER_BYTES + BODY_PREFIX_BYTES;

    private static final byte COMMAND = 1;
    private static final byte NO_OP = 2;

    private RecordFrame() {
    }

    /** The bytes {@code entry} takes on disk. */
    static int frameBytes(LogEntry entry) {
        return OVERHEAD_BYTES + entry.data().length;
    }

    /** The bytes a record of {@code frameBytes} counts for in {@link LogEntry#sizeBytes()}. */
    static long entrySizeBytes(long frameBytes) {
        return frameBytes - OVERHEAD_BYTES + LogEntry.OVERHEAD_BYTES;
    }

    /**
     * Writes the header and body prefix of {@code entry} into {@code dst}; the payload follows only when
     * {@code withPayload}, otherwise the caller writes it right after. The checksums always cover the payload.
     */
    static void encode(LogEntry entry, ByteBuffer dst, boolean withPayload, CRC32C crc) {
        int start = dst.position();
        int bodyStart = start + HEADER_BYTES;
        dst.position(bodyStart);
        dst.putLong(entry.index()).putLong(entry.term()).put(typeCode(entry.type()));
        crc.reset();
        crc.update(dst.duplicate().position(bodyStart).limit(bodyStart + BODY_PREFIX_BYTES));
        crc.update(entry.data());
        if (withPayload) {
            dst.put(entry.data());
        }
        int bodyLength = BODY_PREFIX_BYTES + entry.data().length;
        dst.putInt(start, bodyLength);
        dst.putInt(start + 4, (int) crc.getValue());
        dst.putInt(start + 8, headerChecksum(dst, start, crc));
    }

    /** The checksum of the 8 header bytes at {@code start}: body length and body checksum. */
    static int headerChecksum(ByteBuffer buffer, int start, CRC32C crc) {
        crc.reset();
        crc.update(buffer.duplicate().position(start).limit(start + 8));
        return (int) crc.getValue();
    }

    /** The entry type stored as {@code code}, or null when the code is unknown. */
    static EntryType typeOf(byte code) {
        return switch (code) {
            case COMMAND -> EntryType.COMMAND;
            case NO_OP -> EntryType.NO_OP;
            default -> null;
        };
    }

    private static byte typeCode(EntryType type) {
        return switch (type) {
            case COMMAND -> COMMAND;
            case NO_OP -> NO_OP;
        };
    }
}
