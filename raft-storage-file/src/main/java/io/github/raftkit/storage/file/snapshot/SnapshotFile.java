package io.github.raftkit.storage.file.snapshot;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.error.StorageException;
import io.github.raftkit.api.spi.SnapshotMetadata;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The layout of a snapshot file, named {@code <lastIncludedIndex>-<lastIncludedTerm>.snap} (zero-padded):
 *
 * <pre>
 *   header:             int magic "RKSN", int version, long lastIncludedIndex, long lastIncludedTerm,
 *                       short memberCount, memberCount x (byte length, UTF-8 node id),
 *                       int crc32c(every header byte before it)
 *   payload:            the state machine's bytes
 *   trailer (16 bytes): long payloadLength, int crc32c(payload), int crc32c(the 12 bytes before it)
 * </pre>
 *
 * The trailer is written last and the file renamed into place only after an fsync, so a file under a final name is
 * complete; the checksums catch damage that happens to it later. Stateless.
 */
final class SnapshotFile {
    static final int TRAILER_BYTES = 16;
    static final String SUFFIX = ".snap";
    static final String TEMP_SUFFIX = ".snap.tmp";
    private static final int MAGIC = 0x524B534E;
    private static final int VERSION = 1;
    /** magic, version, index, term, member count. */
    private static final int FIXED_HEADER_BYTES = 26;
    /** A node id is at most 64 characters, so at most 192 UTF-8 bytes. */
    private static final int MAX_ID_BYTES = 192;
    /** Bounds what a damaged member count can make recovery read. */
    private static final int MAX_MEMBERS = 1024;

    /**
     * What a snapshot's file name says: enough to order snapshots and find one.
     *
     * @param lastIncludedIndex the last log index the snapshot covers
     * @param lastIncludedTerm the term of that entry
     */
    record Name(long lastIncludedIndex, long lastIncludedTerm) implements Comparable<Name> {
        static Name of(SnapshotMetadata metadata) {
            return new Name(metadata.lastIncludedIndex(), metadata.lastIncludedTerm());
        }

        @Override
        public int compareTo(Name other) {
            int byIndex = Long.compare(lastIncludedIndex, other.lastIncludedIndex);
            return byIndex != 0 ? byIndex : Long.compare(lastIncludedTerm, other.lastIncludedTerm);
        }
    }

    /**
     * What the header and trailer of a complete snapshot file say.
     *
     * @param metadata the snapshot's metadata, from the header
     * @param headerBytes where the payload starts
     * @param payloadLength the payload's length in bytes
     * @param payloadChecksum the payload's CRC32C
     */
    record Layout(SnapshotMetadata metadata, int headerBytes, long payloadLength, int payloadChecksum) {
    }

    private SnapshotFile() {
    }

    static String fileName(SnapshotMetadata metadata) {
        return String.format("%020d-%020d%s", metadata.lastIncludedIndex(), metadata.lastIncludedTerm(), SUFFIX);
    }

    /** What a final file name encodes, or null if {@code name} is not a snapshot's. */
    static Name nameOf(String name) {
        if (name.length() != 41 + SUFFIX.length() || !name.endsWith(SUFFIX) || name.charAt(20) != '-') {
            return null;
        }
        try {
            return new Name(Long.parseLong(name.substring(0, 20)), Long.parseLong(name.substring(21, 41)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static ByteBuffer header(SnapshotMetadata metadata) {
        List<byte[]> ids = metadata.members().stream().map(m -> m.value().getBytes(StandardCharsets.UTF_8)).toList();
        int size = FIXED_HEADER_BYTES + ids.stream().mapToInt(id -> 1 + id.length).sum() + Integer.BYTES;
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.putInt(MAGIC).putInt(VERSION).putLong(metadata.lastIncludedIndex())
                .putLong(metadata.lastIncludedTerm()).putShort((short) ids.size());
        for (byte[] id : ids) {
            buffer.put((byte) id.length).put(id);
        }
        buffer.putInt(checksum(buffer, size - Integer.BYTES));
        return buffer.flip();
    }

    static ByteBuffer trailer(long payloadLength, int payloadChecksum) {
        ByteBuffer buffer = ByteBuffer.allocate(TRAILER_BYTES);
        buffer.putLong(payloadLength).putInt(payloadChecksum);
        buffer.putInt(checksum(buffer, 12));
        return buffer.flip();
    }

    /**
     * Verifies the header and trailer of {@code file} against the name it was found under, and returns what they
     * say; the payload is verified as it is read.
     */
    static Layout verify(FileChannel channel, Path file, Name name) throws IOException {
        long size = channel.size();
        if (size < FIXED_HEADER_BYTES + Integer.BYTES + TRAILER_BYTES) {
            throw corrupt(file, 0, "the file is " + size + " bytes, shorter than a header and a trailer");
        }
        ByteBuffer fixed = readFully(channel, 0, FIXED_HEADER_BYTES);
        if (fixed.getInt(0) != MAGIC) {
            throw corrupt(file, 0, "bad snapshot header (magic number)");
        }
        if (fixed.getInt(4) != VERSION) {
            throw corrupt(file, 4, "format version " + fixed.getInt(4) + " is not supported (this build reads "
                    + VERSION + ")");
        }
        int members = Short.toUnsignedInt(fixed.getShort(24));
        if (members > MAX_MEMBERS) {
            throw corrupt(file, 24, "the header claims " + members + " members");
        }
        int readable = (int) Math.min(size - TRAILER_BYTES, FIXED_HEADER_BYTES + members * (1L + MAX_ID_BYTES)
                + Integer.BYTES);
        ByteBuffer header = readFully(channel, 0, readable);
        SnapshotMetadata metadata = parseHeader(header, members, file);
        int headerBytes = header.position() + Integer.BYTES;
        if (headerBytes > readable || header.getInt(header.position()) != checksum(header, header.position())) {
            throw corrupt(file, 0, "bad snapshot header checksum");
        }
        if (!Name.of(metadata).equals(name)) {
            throw corrupt(file, 8, "the header says " + metadata + " but the file name says " + name);
        }
        ByteBuffer trailer = readFully(channel, size - TRAILER_BYTES, TRAILER_BYTES);
        if (trailer.getInt(12) != checksum(trailer, 12)) {
            throw corrupt(file, size - TRAILER_BYTES, "bad snapshot trailer checksum");
        }
        long payloadLength = trailer.getLong(0);
        if (payloadLength != size - headerBytes - TRAILER_BYTES) {
            throw corrupt(file, size - TRAILER_BYTES, "the trailer says the payload is " + payloadLength
                    + " bytes but the file holds " + (size - headerBytes - TRAILER_BYTES));
        }
        return new Layout(metadata, headerBytes, payloadLength, trailer.getInt(8));
    }

    /** Reads the header up to its checksum, leaving the buffer positioned at the checksum. */
    private static SnapshotMetadata parseHeader(ByteBuffer header, int members, Path file) {
        header.position(FIXED_HEADER_BYTES);
        List<NodeId> ids = new ArrayList<>(members);
        try {
            for (int i = 0; i < members; i++) {
                byte[] id = new byte[Byte.toUnsignedInt(header.get())];
                header.get(id);
                ids.add(NodeId.of(new String(id, StandardCharsets.UTF_8)));
            }
            return new SnapshotMetadata(header.getLong(8), header.getLong(16), ids);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw corrupt(file, header.position(), "unreadable member list in the header: " + e.getMessage());
        }
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
