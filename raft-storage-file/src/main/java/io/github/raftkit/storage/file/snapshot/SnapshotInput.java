package io.github.raftkit.storage.file.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * Streams a snapshot's payload straight from its file, checksumming as it goes: reaching the end of a payload whose
 * checksum does not match throws a {@link io.github.raftkit.api.error.StorageException} naming the file, so a state
 * machine that reads to the end never silently restores damaged bytes. Holds no more than the caller's buffer.
 * Used by one thread.
 */
final class SnapshotInput extends InputStream {
    private final FileChannel channel;
    private final Path file;
    private final SnapshotFile.Layout layout;
    private final CRC32C crc = new CRC32C();
    private long read;
    private boolean verified;

    SnapshotInput(FileChannel channel, Path file, SnapshotFile.Layout layout) {
        this.channel = channel;
        this.file = file;
        this.layout = layout;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        long left = layout.payloadLength() - read;
        if (left == 0) {
            verifyAtEnd();
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        int n = channel.read(ByteBuffer.wrap(bytes, offset, (int) Math.min(length, left)),
                layout.headerBytes() + read);
        if (n < 0) {
            throw SnapshotFile.corrupt(file, layout.headerBytes() + read, "the file ends inside the payload");
        }
        crc.update(bytes, offset, n);
        read += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private void verifyAtEnd() {
        if (!verified && (int) crc.getValue() != layout.payloadChecksum()) {
            throw SnapshotFile.corrupt(file, layout.headerBytes(), "payload checksum mismatch over "
                    + layout.payloadLength() + " bytes");
        }
        verified = true;
    }
}
