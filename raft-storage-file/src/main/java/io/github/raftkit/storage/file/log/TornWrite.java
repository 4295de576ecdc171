package io.github.raftkit.storage.file.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Decides whether damage at the tail of the last segment is what a crash during a write leaves (a torn write, cut
 * off and forgotten: it was never acknowledged) or corruption (which stops the member).
 *
 * <p>A crash while appending leaves a file that ends early, or whose newest sectors were never written and read as
 * zeros; it never leaves other bytes. So a damaged record is torn when the file ends inside it, or when, from its
 * start or from a 512-byte sector boundary inside it, the bytes are zero up to the next boundary or the end of the
 * file, and at least {@value #MIN_ZERO_RUN} of them (a sound record header is never all zero). A flipped bit leaves
 * no such run unless a sector held a single set bit, so it is reported, not cut. This is the rule etcd's WAL applies.
 * Stateless.
 */
final class TornWrite {
    static final int SECTOR_BYTES = 512;
    static final int MIN_ZERO_RUN = RecordFrame.HEADER_BYTES;

    private TornWrite() {
    }

    static boolean explains(ScanDamage damage, FileChannel channel, long fileSize) throws IOException {
        return switch (damage.kind()) {
            case CUT_SHORT -> true;
            case INVALID -> false;
            case CHECKSUM -> hasZeroedSector(damage, channel, fileSize);
        };
    }

    private static boolean hasZeroedSector(ScanDamage damage, FileChannel channel, long fileSize)
            throws IOException {
        for (long from = damage.offset(); from < damage.end(); from = nextBoundary(from)) {
            long to = Math.min(nextBoundary(from), fileSize);
            if (to - from >= MIN_ZERO_RUN && allZero(channel, from, (int) (to - from))) {
                return true;
            }
        }
        return false;
    }

    private static long nextBoundary(long offset) {
        return (offset / SECTOR_BYTES + 1) * SECTOR_BYTES;
    }

    private static boolean allZero(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(length);
        while (bytes.hasRemaining() && channel.read(bytes, position + bytes.position()) >= 0) {
            // keep reading: a positional read may return fewer bytes than asked
        }
        for (int i = 0; i < bytes.position(); i++) {
            if (bytes.get(i) != 0) {
                return false;
            }
        }
        return bytes.position() == length;
    }
}
