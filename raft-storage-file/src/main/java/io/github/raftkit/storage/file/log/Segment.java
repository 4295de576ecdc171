package io.github.raftkit.storage.file.log;

import io.github.raftkit.storage.file.ChannelOpener;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Set;

import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

/**
 * One segment file: its channel, its header, and the offsets of the records it holds. Written by the storage thread;
 * {@link SegmentedLog}'s lock guards the offsets and size against readers.
 */
final class Segment implements AutoCloseable {
    private static final String SUFFIX = ".log";

    private final Path path;
    private final FileChannel channel;
    private final SegmentHeader header;
    private final OffsetIndex offsets;
    private long size;

    Segment(Path path, FileChannel channel, SegmentHeader header, OffsetIndex offsets, long size) {
        this.path = path;
        this.channel = channel;
        this.header = header;
        this.offsets = offsets;
        this.size = size;
    }

    /** Creates an empty segment and makes its header durable; the caller fsyncs the directory. */
    static Segment create(Path dir, ChannelOpener opener, SegmentHeader header) throws IOException {
        Path path = dir.resolve(fileName(header.baseIndex()));
        FileChannel channel = opener.open(path, Set.of(CREATE_NEW, READ, WRITE));
        try {
            ByteBuffer bytes = header.encode();
            while (bytes.hasRemaining()) {
                channel.write(bytes, SegmentHeader.BYTES - bytes.remaining());
            }
            channel.force(true);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new Segment(path, channel, header, new OffsetIndex(), SegmentHeader.BYTES);
    }

    /** The file name of the segment whose first index is {@code baseIndex}: zero-padded so names sort by index. */
    static String fileName(long baseIndex) {
        return String.format("%020d%s", baseIndex, SUFFIX);
    }

    /** The base index a segment file name encodes, or -1 if {@code name} is not a segment's. */
    static long baseIndexOf(String name) {
        if (name.length() != 20 + SUFFIX.length() || !name.endsWith(SUFFIX)) {
            return -1;
        }
        try {
            return Long.parseLong(name.substring(0, 20));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    Path path() {
        return path;
    }

    FileChannel channel() {
        return channel;
    }

    SegmentHeader header() {
        return header;
    }

    long baseIndex() {
        return header.baseIndex();
    }

    /** The index of the last entry, or {@code baseIndex() - 1} when empty. */
    long lastIndex() {
        return header.baseIndex() + offsets.size() - 1;
    }

    int entryCount() {
        return offsets.size();
    }

    /** The file's length as far as whole, published records go. */
    long size() {
        return size;
    }

    /** The file offset of entry {@code index}, which must be held. */
    long offsetOf(long index) {
        return offsets.get((int) (index - header.baseIndex()));
    }

    /** The offset just past entry {@code index}, which must be held. */
    long endOf(long index) {
        return index == lastIndex() ? size : offsetOf(index + 1);
    }

    /** Records that entries were written at {@code recordOffsets} and the file now ends at {@code newSize}. */
    void published(long[] recordOffsets, int count, long newSize) {
        for (int i = 0; i < count; i++) {
            offsets.add(recordOffsets[i]);
        }
        size = newSize;
    }

    /** Cuts the file before entry {@code index} (which may be {@code lastIndex() + 1}) and makes the cut durable. */
    void truncateBefore(long index) throws IOException {
        long newSize = index > lastIndex() ? size : offsetOf(index);
        channel.truncate(newSize);
        channel.force(true);
        offsets.truncate((int) (index - header.baseIndex()));
        size = newSize;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return path.getFileName() + "[" + baseIndex() + ".." + lastIndex() + "]";
    }
}
