package io.github.raftkit.storage.file.log;

import io.github.raftkit.api.error.StorageException;
import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.api.spi.LogStore;
import io.github.raftkit.storage.file.ChannelOpener;
import io.github.raftkit.storage.file.DirectoryLock;
import io.github.raftkit.storage.file.FileStorageSettings;
import io.github.raftkit.storage.file.IoFailure;
import io.github.raftkit.storage.file.MemberDirectory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code file} log store: entries framed with a length and CRC32C (see {@link RecordFrame}) in segment files of
 * about {@link FileStorageSettings#segmentBytes()} each, found by index through an in-memory offset index.
 *
 * <p><b>Durability.</b> {@link #append} writes (into the page cache) and {@link #sync} makes everything appended
 * durable with one fsync of the segment being written: group commit is the caller appending several batches and
 * syncing once. When a segment fills up it is fsynced before the next one is created, and a new segment's header and
 * directory entry are fsynced at creation, so only the last segment can ever hold a torn write. The truncations are
 * durable when they return: a lost truncation under later appends could bring replaced entries back behind new ones,
 * which recovery could not tell from a sound log.
 *
 * <p><b>Threading.</b> The mutating methods and {@link #sync} are called by one storage thread. {@link #read},
 * {@link #firstIndex}, {@link #lastIndex} and {@link #durableIndex} may be called from any thread alongside it: a
 * read-write lock guards the segment list and offsets (held for reading during a read's I/O, for writing only while
 * the storage thread publishes records or removes segments; never during an fsync).
 *
 * <p><b>Failures.</b> An I/O error while writing, syncing or truncating, or damage found when reading back, makes the
 * log fail-stop: every later write, sync and read throws a {@link StorageException} that names the first failure.
 */
public final class SegmentedLog implements LogStore {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentedLog.class);

    private final Path dir;
    private final String member;
    private final long segmentBytes;
    private final ChannelOpener opener;
    private final DirectoryLock lock;
    private final LogMeters meters;
    private final ReentrantReadWriteLock guard = new ReentrantReadWriteLock();
    /** Guarded by {@link #guard}; in index order, never empty; the last one is appended to. */
    private final List<Segment> segments;
    private final AppendBuffer buffer = new AppendBuffer();
    private volatile long firstIndex;
    private volatile long lastIndex;
    private volatile long durableIndex;
    private volatile StorageException failure;
    private volatile boolean closed;
    /** Entries written since the last fsync; storage thread only. */
    private long unsyncedEntries;
    private boolean unsynced;

    private SegmentedLog(Path dir, String member, long segmentBytes, ChannelOpener opener, DirectoryLock lock,
                         LogMeters meters, List<Segment> segments) {
        this.dir = dir;
        this.member = member;
        this.segmentBytes = segmentBytes;
        this.opener = opener;
        this.lock = lock;
        this.meters = meters;
        this.segments = segments;
        refreshBounds();
        this.durableIndex = lastIndex;
    }

    /**
     * Locks {@code dir}, recovers the log in it (creating an empty one if there is none) and opens it.
     *
     * @param member names the member in messages and the lock file, such as {@code "default/n1"}
     * @param registry where the meters go, tagged with {@code tags}
     * @throws StorageException if the directory is in use, the log is corrupt, or the disk fails
     */
    public static SegmentedLog open(Path dir, String member, FileStorageSettings settings, MeterRegistry registry,
                                    Tags tags) {
        return open(dir, member, settings, registry, tags, ChannelOpener.DEFAULT);
    }

    static SegmentedLog open(Path dir, String member, FileStorageSettings settings, MeterRegistry registry, Tags tags,
                             ChannelOpener opener) {
        DirectoryLock lock = DirectoryLock.acquire(dir, member + " log");
        try {
            long start = System.nanoTime();
            List<Segment> segments = new LogRecovery(dir, opener, member).recover();
            long took = System.nanoTime() - start;
            LogMeters meters = new LogMeters(registry, tags);
            meters.recovered(took);
            SegmentedLog log = new SegmentedLog(dir, member, settings.segmentBytes(), opener, lock, meters, segments);
            meters.watch(log, tags);
            LOG.info("{}: opened the log in {}: entries {}..{} in {} segment(s), recovered in {} ms", member, dir,
                    log.firstIndex, log.lastIndex, segments.size(), took / 1_000_000);
            return log;
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    @Override
    public long firstIndex() {
        return firstIndex;
    }

    @Override
    public long lastIndex() {
        return lastIndex;
    }

    /** The last index the most recent {@link #sync} made durable. */
    public long durableIndex() {
        return durableIndex;
    }

    int segmentCount() {
        guard.readLock().lock();
        try {
            return segments.size();
        } finally {
            guard.readLock().unlock();
        }
    }

    @Override
    public List<LogEntry> read(long fromIndex, long toIndex, long maxBytes) {
        checkUsable();
        if (fromIndex >= toIndex) {
            return List.of();
        }
        guard.readLock().lock();
        try {
            if (fromIndex < firstIndex || toIndex > lastIndex + 1) {
                throw new StorageException(member + ": the log in " + dir + " holds " + firstIndex + ".." + lastIndex
                        + ", cannot read " + fromIndex + " until " + toIndex);
            }
            List<LogEntry> out = new ArrayList<>();
            long budget = maxBytes;
            long index = fromIndex;
            for (int s = segmentHolding(fromIndex); index < toIndex; s++) {
                Segment segment = segments.get(s);
                long last = Math.min(toIndex - 1, segment.lastIndex());
                long stop = index;
                while (stop <= last) {
                    long size = RecordFrame.entrySizeBytes(segment.endOf(stop) - segment.offsetOf(stop));
                    if (size > budget && !(out.isEmpty() && stop == index)) {
                        break;
                    }
                    budget -= size;
                    stop++;
                }
                if (stop > index) {
                    readRecords(segment, index, stop, out);
                }
                if (stop <= last) {
                    break;
                }
                index = stop;
            }
            return out;
        } finally {
            guard.readLock().unlock();
        }
    }

    @Override
    public void append(List<LogEntry> entries) {
        checkUsable();
        if (entries.isEmpty()) {
            return;
        }
        long expected = lastIndex + 1;
        for (LogEntry entry : entries) {
            if (entry.index() != expected++) {
                throw new StorageException(member + ": the log ends at " + lastIndex + "; appending "
                        + entries.size() + " entries from " + entries.get(0).index()
                        + " would leave a gap or overlap at " + entry.index());
            }
        }
        Segment active = activeSegment();
        long end = active.size();
        try {
            for (LogEntry entry : entries) {
                int frame = RecordFrame.frameBytes(entry);
                boolean holdsRecords = active.entryCount() + buffer.count() > 0;
                if (holdsRecords && end + frame > segmentBytes) {
                    flush(active);
                    active = roll(active);
                    end = active.size();
                } else if (!buffer.canTake(frame)) {
                    flush(active);
                }
                buffer.add(entry, end);
                end += frame;
            }
            flush(active);
        } catch (IOException e) {
            buffer.clear();
            throw fail(IoFailure.of("appending to", active.path(), active.size(), e));
        }
    }

    @Override
    public void sync() {
        checkUsable();
        if (!unsynced) {
            return;
        }
        Segment active = activeSegment();
        long target = lastIndex;
        long start = System.nanoTime();
        try {
            active.channel().force(false);
        } catch (IOException e) {
            // Never retry: after a failed fsync the kernel may have dropped the dirty pages it could not write.
            throw fail(IoFailure.of("fsync of", active.path(), -1, e));
        }
        meters.synced(System.nanoTime() - start, unsyncedEntries);
        durableIndex = target;
        unsynced = false;
        unsyncedEntries = 0;
    }

    @Override
    public void truncateSuffix(long fromIndex) {
        checkUsable();
        if (fromIndex > lastIndex) {
            return;
        }
        if (fromIndex < firstIndex) {
            throw new StorageException(member + ": cannot truncate the log in " + dir + " from " + fromIndex
                    + ": entries before " + firstIndex + " were compacted");
        }
        guard.writeLock().lock();
        Segment current = null;
        try {
            boolean removed = false;
            while (segments.size() > 1 && lastSegment().baseIndex() >= fromIndex) {
                current = segments.remove(segments.size() - 1);
                delete(current);
                removed = true;
            }
            if (removed) {
                MemberDirectory.fsync(dir);
            }
            current = lastSegment();
            current.truncateBefore(fromIndex);
            refreshBounds();
            durableIndex = Math.min(durableIndex, lastIndex);
            LOG.info("{}: truncated the log from index {}: it now ends at {}", member, fromIndex, lastIndex);
        } catch (IOException e) {
            throw fail(IoFailure.of("truncating", current == null ? dir : current.path(), -1, e));
        } finally {
            guard.writeLock().unlock();
        }
    }

    /**
     * Drops the whole segments that {@code throughIndex} covers; the segment holding later entries stays, so
     * {@link #firstIndex()} may remain below {@code throughIndex + 1}, as the contract allows. A compaction at or
     * past the last entry empties the log: it starts a new, empty segment at {@code throughIndex + 1} marked as
     * superseding the others, so that recovery finishes the job if a crash interrupts it.
     */
    @Override
    public void compactPrefix(long throughIndex) {
        checkUsable();
        if (throughIndex < firstIndex) {
            return;
        }
        guard.writeLock().lock();
        Path at = dir;
        try {
            List<Segment> obsolete = new ArrayList<>();
            if (throughIndex >= lastIndex && activeSegment().baseIndex() != throughIndex + 1) {
                Segment fresh = Segment.create(dir, opener, new SegmentHeader(throughIndex + 1, true));
                MemberDirectory.fsync(dir);
                obsolete.addAll(segments);
                segments.clear();
                segments.add(fresh);
                unsynced = false;
                unsyncedEntries = 0;
            } else {
                while (segments.size() > 1 && segments.get(0).lastIndex() <= throughIndex) {
                    obsolete.add(segments.remove(0));
                }
            }
            for (Segment segment : obsolete) {
                at = segment.path();
                delete(segment);
            }
            if (!obsolete.isEmpty()) {
                MemberDirectory.fsync(dir);
            }
            refreshBounds();
            durableIndex = Math.max(durableIndex, firstIndex - 1);
            LOG.info("{}: compacted the log through index {}: removed {} segment(s), entries {}..{} remain", member,
                    throughIndex, obsolete.size(), firstIndex, lastIndex);
        } catch (IOException e) {
            throw fail(IoFailure.of("compacting", at, -1, e));
        } finally {
            guard.writeLock().unlock();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        guard.writeLock().lock();
        IOException firstError = null;
        try {
            for (Segment segment : segments) {
                try {
                    segment.close();
                } catch (IOException e) {
                    firstError = firstError == null ? e : firstError;
                }
            }
        } finally {
            guard.writeLock().unlock();
            meters.close();
            lock.close();
        }
        if (firstError != null) {
            throw IoFailure.of("closing a segment in", dir, -1, firstError);
        }
    }

    @Override
    public String toString() {
        return "SegmentedLog[" + member + " " + dir + " " + firstIndex + ".." + lastIndex + "]";
    }

    /** Writes the framed batch to {@code segment} and makes its records visible to readers. */
    private void flush(Segment segment) throws IOException {
        if (buffer.isEmpty()) {
            return;
        }
        long start = segment.size();
        long end = buffer.writeTo(segment.channel(), start);
        guard.writeLock().lock();
        try {
            segment.published(buffer.offsets(), buffer.count(), end);
            lastIndex = segment.lastIndex();
        } finally {
            guard.writeLock().unlock();
        }
        meters.written(end - start);
        unsynced = true;
        unsyncedEntries += buffer.count();
        buffer.clear();
    }

    /** Seals the full segment (fsync, so only the last can be torn) and starts the next, durably. */
    private Segment roll(Segment full) throws IOException {
        full.channel().force(false);
        Segment next = Segment.create(dir, opener, new SegmentHeader(full.lastIndex() + 1, false));
        MemberDirectory.fsync(dir);
        guard.writeLock().lock();
        try {
            segments.add(next);
        } finally {
            guard.writeLock().unlock();
        }
        return next;
    }

    /** Reads entries {@code from} until {@code until} of {@code segment} in one read, verifying each record. */
    private void readRecords(Segment segment, long from, long until, List<LogEntry> out) {
        long start = segment.offsetOf(from);
        long end = segment.endOf(until - 1);
        ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(end - start));
        try {
            while (bytes.hasRemaining()) {
                if (segment.channel().read(bytes, start + bytes.position()) < 0) {
                    throw fail(LogRecovery.corrupt(segment.path(), start + bytes.position(),
                            "the file ends before entry " + until + " that the index expects"));
                }
            }
        } catch (IOException e) {
            throw fail(IoFailure.of("reading", segment.path(), start, e));
        }
        CRC32C crc = new CRC32C();
        for (long index = from; index < until; index++) {
            int at = (int) (segment.offsetOf(index) - start);
            int bodyLength = bytes.getInt(at);
            int bodyStart = at + RecordFrame.HEADER_BYTES;
            crc.reset();
            crc.update(bytes.duplicate().position(bodyStart).limit(bodyStart + bodyLength));
            long storedIndex = bytes.getLong(bodyStart);
            if ((int) crc.getValue() != bytes.getInt(at + 4) || storedIndex != index) {
                throw fail(LogRecovery.corrupt(segment.path(), start + at, "record of entry " + index
                        + " no longer matches its checksum or index when read back"));
            }
            byte[] data = new byte[bodyLength - RecordFrame.BODY_PREFIX_BYTES];
            bytes.get(bodyStart + RecordFrame.BODY_PREFIX_BYTES, data);
            out.add(new LogEntry(index, bytes.getLong(bodyStart + 8), RecordFrame.typeOf(bytes.get(bodyStart + 16)),
                    data));
        }
    }

    /** The position in {@link #segments} of the segment holding {@code index}; the read lock must be held. */
    private int segmentHolding(long index) {
        int low = 0;
        int high = segments.size() - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (segments.get(mid).baseIndex() <= index) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    private Segment activeSegment() {
        guard.readLock().lock();
        try {
            return lastSegment();
        } finally {
            guard.readLock().unlock();
        }
    }

    private Segment lastSegment() {
        return segments.get(segments.size() - 1);
    }

    private void refreshBounds() {
        firstIndex = segments.get(0).baseIndex();
        lastIndex = lastSegment().lastIndex();
    }

    private static void delete(Segment segment) throws IOException {
        segment.close();
        Files.delete(segment.path());
    }

    private void checkUsable() {
        if (closed) {
            throw new StorageException(member + ": the log in " + dir + " is closed");
        }
        StorageException first = failure;
        if (first != null) {
            throw new StorageException(member + ": the log in " + dir + " stopped after a failure and accepts no"
                    + " more work: " + first.getMessage(), first);
        }
    }

    private StorageException fail(StorageException e) {
        if (failure == null) {
            failure = e;
            LOG.error("{}: the log in {} failed and stops (fail-stop): {}", member, dir, e.getMessage());
        }
        return e;
    }
}
