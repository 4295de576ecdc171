package io.github.raftkit.storage.file.log;

import io.github.raftkit.api.log.LogEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Frames a batch of entries into one direct buffer so that a batch reaches the file in as few writes as possible.
 * An entry too large for the buffer is framed there and its payload written straight from its array, so memory stays
 * at the buffer's size whatever the entries weigh. Used by the storage thread only.
 */
final class AppendBuffer {
    static final int CAPACITY = 256 << 10;

    private final ByteBuffer staging = ByteBuffer.allocateDirect(CAPACITY);
    private final CRC32C crc = new CRC32C();
    private long[] offsets = new long[256];
    private int count;
    private byte[] largePayload;

    boolean isEmpty() {
        return count == 0;
    }

    int count() {
        return count;
    }

    /** The file offsets of the framed records, valid for {@link #count()} positions. */
    long[] offsets() {
        return offsets;
    }

    /** Whether a frame of {@code frameBytes} can be added before the next {@link #writeTo}. */
    boolean canTake(int frameBytes) {
        return largePayload == null && (frameBytes <= staging.remaining() || isEmpty());
    }

    /** Frames {@code entry}, which will land at {@code fileOffset}; {@link #canTake} must have allowed it. */
    void add(LogEntry entry, long fileOffset) {
        boolean fits = RecordFrame.frameBytes(entry) <= staging.remaining();
        RecordFrame.encode(entry, staging, fits, crc);
        if (!fits) {
            largePayload = entry.data();
        }
        if (count == offsets.length) {
            offsets = Arrays.copyOf(offsets, count * 2);
        }
        offsets[count++] = fileOffset;
    }

    /** Writes everything framed at {@code position} of {@code channel}; returns the offset just past it. */
    long writeTo(FileChannel channel, long position) throws IOException {
        staging.flip();
        long at = writeFully(channel, staging, position);
        if (largePayload != null) {
            at = writeFully(channel, ByteBuffer.wrap(largePayload), at);
        }
        return at;
    }

    /** Empties the buffer after a write. */
    void clear() {
        staging.clear();
        count = 0;
        largePayload = null;
    }

    private static long writeFully(FileChannel channel, ByteBuffer bytes, long position) throws IOException {
        long at = position;
        while (bytes.hasRemaining()) {
            at += channel.write(bytes, at);
        }
        return at;
    }
}
