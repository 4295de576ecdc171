package io.github.raftkit.storage.file.log;

import io.github.raftkit.api.error.StorageException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The header at the start of every segment file:
 * {@code int magic "RKLG", int version, int flags, long baseIndex, int crc32c(the 20 bytes before it)}.
 *
 * @param baseIndex the index of the segment's first entry (or of the next entry, while it is empty)
 * @param supersedesEarlier set on a segment that a compaction past the end of the log created: every segment before
 *     it is obsolete, and recovery finishes deleting them if a crash interrupted the compaction
 */
record SegmentHeader(long baseIndex, boolean supersedesEarlier) {
    static final int BYTES = 24;
    static final int MAGIC = 0x524B4C47;
    static final int VERSION = 1;
    private static final int SUPERSEDES_EARLIER = 1;

    SegmentHeader {
        if (baseIndex < 1) {
            throw new IllegalArgumentException("segment base index must be at least 1, got " + baseIndex);
        }
    }

    ByteBuffer encode() {
        ByteBuffer buffer = ByteBuffer.allocate(BYTES);
        buffer.putInt(MAGIC).putInt(VERSION).putInt(supersedesEarlier ? SUPERSEDES_EARLIER : 0).putLong(baseIndex);
        buffer.putInt(checksum(buffer));
        return buffer.flip();
    }

    /** Reads a header from the first {@link #BYTES} of {@code buffer}, naming {@code file} in any error. */
    static SegmentHeader decode(ByteBuffer buffer, Path file) {
        int magic = buffer.getInt(0);
        if (magic != MAGIC) {
            throw corrupt(file, String.format("magic number 0x%08x is not a raftkit log segment's 0x%08x", magic,
                    MAGIC));
        }
        int stored = buffer.getInt(20);
        if (stored != checksum(buffer.duplicate().position(20))) {
            throw corrupt(file, "segment header checksum mismatch");
        }
        int version = buffer.getInt(4);
        if (version != VERSION) {
            throw corrupt(file, "segment format version " + version + " is not supported (this build reads "
                    + VERSION + ")");
        }
        int flags = buffer.getInt(8);
        if ((flags & ~SUPERSEDES_EARLIER) != 0) {
            throw corrupt(file, "unknown segment flags 0x" + Integer.toHexString(flags));
        }
        long base = buffer.getLong(12);
        if (base < 1) {
            throw corrupt(file, "segment base index " + base + " is below 1");
        }
        return new SegmentHeader(base, flags != 0);
    }

    /** Checksums the bytes before {@code buffer}'s position. */
    private static int checksum(ByteBuffer buffer) {
        CRC32C crc = new CRC32C();
        crc.update(buffer.duplicate().flip());
        return (int) crc.getValue();
    }

    private static StorageException corrupt(Path file, String cause) {
        return LogRecovery.corrupt(file, 0, cause);
    }
}
