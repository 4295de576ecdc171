package io.github.raftkit.storage.file.snapshot;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * Where a snapshot's payload goes: a fixed buffer in front of the temporary file, with a running length and CRC32C
 * for the trailer. Memory stays at the buffer's size however large the snapshot. Used by one thread.
 */
final class SnapshotOutput extends OutputStream {
    private static final int BUFFER_BYTES = 64 << 10;

    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
    private final CRC32C crc = new CRC32C();
    private long length;
    private IOException failure;

    SnapshotOutput(FileChannel channel) {
        this.channel = channel;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int count) throws IOException {
        Objects.checkFromIndexSize(offset, count, bytes.length);
        rethrowEarlierFailure();
        crc.update(bytes, offset, count);
        length += count;
        for (int done = 0; done < count; ) {
            int chunk = Math.min(count - done, buffer.remaining());
            buffer.put(bytes, offset + done, chunk);
            done += chunk;
            if (!buffer.hasRemaining()) {
                flush();
            }
        }
    }

    /** Writes what is buffered to the file (without an fsync; the writer's commit does that). */
    @Override
    public void flush() throws IOException {
        rethrowEarlierFailure();
        buffer.flip();
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            failure = e;
            throw e;
        }
        buffer.clear();
    }

    /** Does nothing: the writer owns the file and closes it on commit or discard. */
    @Override
    public void close() {
        // A state machine that closes the stream when done must not end the snapshot before commit.
    }

    long length() {
        return length;
    }

    int checksum() {
        return (int) crc.getValue();
    }

    private void rethrowEarlierFailure() throws IOException {
        if (failure != null) {
            throw new IOException("an earlier write of this snapshot failed", failure);
        }
    }
}
