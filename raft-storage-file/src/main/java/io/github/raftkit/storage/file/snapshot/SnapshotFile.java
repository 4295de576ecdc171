package io.github.raftkit.storage.file.snapshot;

import io.github.raftkit.api.error.StorageException;
import io.github.raftkit.api.spi.SnapshotMetadata;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The layout of a snapshot file, named {@code <lastIncludedIndex>-<lastIncludedTerm>.snap} (zero-padded):
 *
 * <pre>
 *   header (28 bytes):  int magic "RKSN", int version, long lastIncludedIndex, long lastIncludedTerm,
 *                       int crc32c(the 24 bytes before it)
 *   payload:            the state machine's bytes
 *   trailer (16 bytes): long payloadLength, int crc32c(payload), int crc32c(the 12 bytes before it)
 * </pre>
 *
 * The trailer is written last and the file renamed into place only after an fsync, so a file under a final name is
 * complete; the checksums catch damage that happens to it later. Stateless.
 */
final class SnapshotFile {
    static final int HEADER_BYTES = 28;
    static final int TRAILER_BYTES = 16;
    static final String SUFFIX = ".snap";
    static final String TEMP_SUFFIX = ".snap.tmp";
    private static final int MAGIC = 0x524B534E;
    private static final int VERSION = 1;

    /**
     * What the header and trailer of a complete snapshot file say.
     *
     * @param payloadLength the payload's length in bytes
     * @param payloadChecksum the payload's CRC32C
     */
    record Layout(long payloadLength, int payloadChecksum) {
    }

    private SnapshotFile() {
    }

    static String fileName(SnapshotMetadata metadata) {
        return String.format("%020d-%020d%s", metadata.lastIncludedIndex(), metadata.lastIncludedTerm(), SUFFIX);
    }

    /** The metadata a final file name encodes, or null if {@code name} is not a snapshot's. */
    static SnapshotMetadata metadataOf(String name) {
        if (name.length() != 41 + SUFFIX.length() || !name.endsWith(SUFFIX) || name.charAt(20) != '-') {
            return null;
        }
        try {
            return new SnapshotMetadata(Long.parseLong(name.substring(0, 20)), Long.parseLong(name.substring(21, 41)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static ByteBuffer header(SnapshotMetadata metadata) {
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES);
        buffer.putInt(MAGIC).putInt(VERSION).putLong(metadata.lastIncludedIndex())
                .putLong(metadata.lastIncludedTerm());
        buffer.putInt(checksum(buffer, 24));
        return buffer.flip();
    }

    static ByteBuffer trailer(long payloadLength, int payloadChecksum) {
        ByteBuffer buffer = ByteBuffer.allocate(TRAILER_BYTES);
        buffer.putLong(payloadLength).putInt(payloadChecksum);
        buffer.putInt(checksum(buffer, 12));
        return buffer.flip();
    }

    /** Verifies the header and trailer of {@code file} against {@code metadata}; the payload is verified as read. */
    static Layout verify(FileChannel channel, Path file, SnapshotMetadata metadata) throws IOException {
        long size = channel.size();
        if (size < HEADER_BYTES + TRAILER_BYTES) {
            throw corrupt(file, 0, "the file is " + size + " bytes, shorter than a header and a trailer");
        }
        ByteBuffer header = readFully(channel, 0, HEADER_BYTES);
        if (header.getInt(0) != MAGIC || header.getInt(24) != checksum(header, 24)) {
            throw corrupt(file, 0, "bad snapshot header (magic number or checksum)");
        }
        if (header.getInt(4) != VERSION) {
            throw corrupt(file, 4, "format version " + header.getInt(4) + " is not supported (this build reads "
                    + VERSION + ")");
        }
        SnapshotMetadata stored = new SnapshotMetadata(header.getLong(8), header.getLong(16));
        if (!stored.equals(metadata)) {
            throw corrupt(file, 8, "the header says " + stored + " but the name says " + metadata);
        }
        ByteBuffer trailer = readFully(channel, size - TRAILER_BYTES, TRAILER_BYTES);
        if (trailer.getInt(12) != checksum(trailer, 12)) {
            throw corrupt(file, size - TRAILER_BYTES, "bad snapshot trailer checksum");
        }
        long payloadLength = trailer.getLong(0);
        if (payloadLength != size - HEADER_BYTES - TRAILER_BYTES) {
            throw corrupt(file, size - TRAILER_BYTES, "the trailer says the payload is " + payloadLength
                    + " bytes but the file holds " + (size - HEADER_BYTES - TRAILER_BYTES));
        }
        return new Layout(payloadLength, trailer.getInt(8));
    }

    static StorageException corrupt(Path file, long offset, String cause) {
        return new StorageException("corrupt snapshot: " + file + " at offset " + offset + ": " + cause
                + "; refusing to install or serve it");
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) >= 0) {
            // a positional read may return fewer bytes than asked
        }
        return buffer;
    }

    private static int checksum(ByteBuffer buffer, int length) {
        CRC32C crc = new CRC32C();
        crc.update(buffer.duplicate().position(0).limit(length));
        return (int) crc.getValue();
    }
}
