package io.github.raftkit.storage.file.log;

import io.github.raftkit.api.error.StorageException;
import io.github.raftkit.storage.file.ChannelOpener;
import io.github.raftkit.storage.file.MemberDirectory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

/**
 * Opens a log directory after a clean stop or a crash and leaves it holding exactly a prefix of what was appended:
 * it finishes an interrupted compaction, removes a segment whose creation a crash interrupted, cuts a torn write off
 * the last segment, and stops with the file, offset and cause on anything else. Runs once, on the opening thread.
 */
final class LogRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(LogRecovery.class);

    private final Path dir;
    private final ChannelOpener opener;
    private final String member;

    LogRecovery(Path dir, ChannelOpener opener, String member) {
        this.dir = dir;
        this.opener = opener;
        this.member = member;
    }

    /** The recovered segments in index order, never empty; the last is the one to append to. */
    List<Segment> recover() {
        List<Segment> segments = new ArrayList<>();
        try {
            List<Path> files = segmentFiles();
            if (!files.isEmpty() && isUnfinishedCreation(files.get(files.size() - 1))) {
                Path unfinished = files.remove(files.size() - 1);
                LOG.warn("{}: removing {}, a segment whose creation a crash interrupted (it holds no data)", member,
                        unfinished);
                Files.delete(unfinished);
                MemberDirectory.fsync(dir);
            }
            for (Path file : files) {
                segments.add(openHeader(file));
            }
            dropSuperseded(segments);
            for (int i = 0; i < segments.size(); i++) {
                segments.set(i, verify(segments.get(i), i == segments.size() - 1));
                if (i > 0 && segments.get(i).baseIndex() != segments.get(i - 1).lastIndex() + 1) {
                    throw corrupt(segments.get(i).path(), 0, "it starts at index " + segments.get(i).baseIndex()
                            + " but " + segments.get(i - 1).path() + " ends at "
                            + segments.get(i - 1).lastIndex() + " (a segment is missing or left over)");
                }
            }
            if (segments.isEmpty()) {
                segments.add(Segment.create(dir, opener, new SegmentHeader(1, false)));
                MemberDirectory.fsync(dir);
            }
            return segments;
        } catch (IOException e) {
            closeAll(segments);
            throw new StorageException(member + ": recovering the log in " + dir + " failed: " + e, e);
        } catch (RuntimeException e) {
            closeAll(segments);
            throw e;
        }
    }

    /** The message every corruption carries: where, what, and that the member will not run on it. */
    static StorageException corrupt(Path file, long offset, String cause) {
        return new StorageException("corrupt log: " + file + " at offset " + offset + ": " + cause
                + "; refusing to run on a log that cannot be trusted (restore this member from its peers)");
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> listing = Files.list(dir)) {
            return new ArrayList<>(listing.filter(p -> Segment.baseIndexOf(p.getFileName().toString()) >= 0)
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList());
        }
    }

    /** A crash while creating a segment leaves a file shorter than its header, or all zeros; nothing was in it. */
    private boolean isUnfinishedCreation(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, READ)) {
            long size = channel.size();
            if (size < SegmentHeader.BYTES) {
                return true;
            }
            ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(size, FileWindow.CAPACITY));
            for (long at = 0; at < size; at += chunk.position()) {
                chunk.clear();
                if (channel.read(chunk, at) < 0) {
                    break;
                }
                for (int i = 0; i < chunk.position(); i++) {
                    if (chunk.get(i) != 0) {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    private Segment openHeader(Path file) throws IOException {
        FileChannel channel = opener.open(file, Set.of(READ, WRITE));
        try {
            if (channel.size() < SegmentHeader.BYTES) {
                throw corrupt(file, 0, "the file is " + channel.size() + " bytes, shorter than a segment header");
            }
            ByteBuffer bytes = ByteBuffer.allocate(SegmentHeader.BYTES);
            while (bytes.hasRemaining() && channel.read(bytes, bytes.position()) >= 0) {
                // a positional read may return fewer bytes than asked
            }
            SegmentHeader header = SegmentHeader.decode(bytes, file);
            long named = Segment.baseIndexOf(file.getFileName().toString());
            if (header.baseIndex() != named) {
                throw corrupt(file, 0, "its header says base index " + header.baseIndex() + " but its name says "
                        + named);
            }
            return new Segment(file, channel, header, new OffsetIndex(), SegmentHeader.BYTES);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Finishes a compaction that a crash interrupted: everything before a superseding segment goes. */
    private void dropSuperseded(List<Segment> segments) throws IOException {
        int newest = -1;
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).header().supersedesEarlier()) {
                newest = i;
            }
        }
        if (newest <= 0) {
            return;
        }
        List<Segment> obsolete = new ArrayList<>(segments.subList(0, newest));
        segments.subList(0, newest).clear();
        for (Segment segment : obsolete) {
            LOG.info("{}: finishing an interrupted compaction: removing {}", member, segment.path());
            segment.close();
            Files.delete(segment.path());
        }
        MemberDirectory.fsync(dir);
    }

    private Segment verify(Segment segment, boolean last) throws IOException {
        long fileSize = segment.channel().size();
        SegmentScanner.Result result = new SegmentScanner().scan(segment.channel(), segment.header(), fileSize);
        ScanDamage damage = result.damage();
        if (damage != null) {
            if (!last || !TornWrite.explains(damage, segment.channel(), fileSize)) {
                throw corrupt(segment.path(), damage.offset(), damage.cause()
                        + (last ? "" : " (in a segment that is not the last, so not a torn write)"));
            }
            LOG.warn("{}: cutting a torn write of {} bytes off {} at offset {} ({}); it was never acknowledged",
                    member, fileSize - result.validEnd(), segment.path(), result.validEnd(), damage.cause());
            segment.channel().truncate(result.validEnd());
            segment.channel().force(true);
        }
        return new Segment(segment.path(), segment.channel(), segment.header(), result.offsets(), result.validEnd());
    }

    private static void closeAll(List<Segment> segments) {
        for (Segment segment : segments) {
            try {
                segment.close();
            } catch (IOException e) {
                LOG.debug("closing {} after a failed recovery", segment.path(), e);
            }
        }
    }
}
