package io.github.raftkit.storage.file.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * Verifies the records of one segment file front to back, as recovery does: each header's checksum, each body's
 * checksum, and that indexes run on from the segment's base. Reads through a {@link FileWindow}, so memory stays
 * bounded whatever lengths the file claims. Used by one thread.
 */
final class SegmentScanner {

    /**
     * What a scan found.
     *
     * @param offsets the offsets of the sound records before any damage
     * @param validEnd the offset just past the last sound record
     * @param damage the first damaged record, or null if the file is sound to its end
     */
    record Result(OffsetIndex offsets, long validEnd, ScanDamage damage) {
    }

    private final CRC32C crc = new CRC32C();

    Result scan(FileChannel channel, SegmentHeader header, long fileSize) throws IOException {
        FileWindow window = new FileWindow(channel, fileSize);
        OffsetIndex offsets = new OffsetIndex();
        long position = SegmentHeader.BYTES;
        long expectedIndex = header.baseIndex();
        while (position < fileSize) {
            ScanDamage damage = verify(window, position, fileSize, expectedIndex);
            if (damage != null) {
                return new Result(offsets, position, damage);
            }
            offsets.add(position);
            position += RecordFrame.HEADER_BYTES + window.read(position, 4).getInt();
            expectedIndex++;
        }
        return new Result(offsets, position, null);
    }

    private ScanDamage verify(FileWindow window, long position, long fileSize, long expectedIndex)
            throws IOException {
        long left = fileSize - position;
        if (left < RecordFrame.HEADER_BYTES) {
            return new ScanDamage(position, fileSize, ScanDamage.Kind.CUT_SHORT,
                    "the file ends " + left + " bytes into a record header");
        }
        ByteBuffer header = window.read(position, RecordFrame.HEADER_BYTES);
        int start = header.position();
        int bodyLength = header.getInt(start);
        int bodyChecksum = header.getInt(start + 4);
        if (header.getInt(start + 8) != RecordFrame.headerChecksum(header, start, crc)) {
            return new ScanDamage(position, position + RecordFrame.HEADER_BYTES, ScanDamage.Kind.CHECKSUM,
                    "record header checksum mismatch");
        }
        if (bodyLength < RecordFrame.BODY_PREFIX_BYTES) {
            return new ScanDamage(position, position + RecordFrame.HEADER_BYTES, ScanDamage.Kind.INVALID,
                    "record body length " + bodyLength + " is below the minimum " + RecordFrame.BODY_PREFIX_BYTES);
        }
        long end = position + RecordFrame.HEADER_BYTES + bodyLength;
        if (end > fileSize) {
            return new ScanDamage(position, fileSize, ScanDamage.Kind.CUT_SHORT, "the file ends "
                    + (fileSize - position) + " bytes into a record of " + (end - position) + " bytes");
        }
        if (checksumOfBody(window, position + RecordFrame.HEADER_BYTES, bodyLength) != bodyChecksum) {
            return new ScanDamage(position, end, ScanDamage.Kind.CHECKSUM, "record checksum mismatch");
        }
        ByteBuffer prefix = window.read(position + RecordFrame.HEADER_BYTES, RecordFrame.BODY_PREFIX_BYTES);
        int at = prefix.position();
        long index = prefix.getLong(at);
        long term = prefix.getLong(at + 8);
        byte type = prefix.get(at + 16);
        if (index != expectedIndex) {
            return new ScanDamage(position, end, ScanDamage.Kind.INVALID,
                    "record holds index " + index + " where " + expectedIndex + " belongs");
        }
        if (term < 1) {
            return new ScanDamage(position, end, ScanDamage.Kind.INVALID,
                    "record of index " + index + " has term " + term);
        }
        if (RecordFrame.typeOf(type) == null) {
            return new ScanDamage(position, end, ScanDamage.Kind.INVALID,
                    "record of index " + index + " has unknown entry type " + type);
        }
        return null;
    }

    private int checksumOfBody(FileWindow window, long position, int length) throws IOException {
        crc.reset();
        for (long done = 0; done < length; ) {
            int chunk = (int) Math.min(FileWindow.CAPACITY, length - done);
            crc.update(window.read(position + done, chunk));
            done += chunk;
        }
        return (int) crc.getValue();
    }
}
