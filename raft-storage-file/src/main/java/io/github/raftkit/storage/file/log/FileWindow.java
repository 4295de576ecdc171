package io.github.raftkit.storage.file.log;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A fixed-size window onto a file for reading it front to back in large reads, as recovery does. Memory stays at the
 * window's capacity whatever the file holds. Used by one thread.
 */
final class FileWindow {
    static final int CAPACITY = 1 << 20;

    private final FileChannel channel;
    private final ByteBuffer buffer;
    private long start;

    /** A window onto {@code channel}, no larger than a file of {@code fileSize} needs. */
    FileWindow(FileChannel channel, long fileSize) {
        this.channel = channel;
        this.buffer = ByteBuffer.allocate((int) Math.min(CAPACITY, Math.max(fileSize, 1)));
        buffer.limit(0);
    }

    /**
     * A view of the {@code length} bytes at {@code position}, positioned at the first of them; valid until the next
     * call. {@code length} must not exceed {@link #CAPACITY} and the bytes must lie inside the file.
     */
    ByteBuffer read(long position, int length) throws IOException {
        if (position < start || position + length > start + buffer.limit()) {
            buffer.clear();
            start = position;
            while (buffer.position() < length) {
                if (channel.read(buffer, start + buffer.position()) < 0) {
                    throw new EOFException("end of file at " + (start + buffer.position()) + " while reading "
                            + length + " bytes at " + position);
                }
            }
            buffer.flip();
        }
        int from = (int) (position - start);
        return buffer.duplicate().position(from).limit(from + length);
    }
}
