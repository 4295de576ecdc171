package io.github.raftkit.api.spi;

import io.github.raftkit.api.log.LogEntry;
import java.util.List;

/**
 * The durable replicated log of one member of one group.
 *
 * <p><b>Durability.</b> {@link #append} may buffer; only {@link #sync} makes appended entries durable, and the
 * server acknowledges nothing that depends on them before {@code sync} returns. {@link #truncateSuffix} is durable
 * when it returns: a truncation lost in a crash could bring replaced entries back behind newer ones. After a crash
 * the store must hold exactly a prefix of what was appended that includes everything synced.
 *
 * <p><b>Threading.</b> Called from one storage thread at a time; reads may come from another thread, so a store
 * must make {@link #read}, {@link #firstIndex} and {@link #lastIndex} safe alongside writes.
 *
 * <p><b>Errors.</b> A failed write or sync throws {@link io.github.raftkit.api.error.StorageException}, after which the
 * store refuses further writes (fail-stop).
 */
public interface LogStore extends AutoCloseable {

    /** The index of the first entry held; {@code lastIndex() + 1} when empty. */
    long firstIndex();

    /** The index of the last entry held; {@code firstIndex() - 1} when empty, 0 for a new log. */
    long lastIndex();

    /**
     * Entries from {@code fromIndex} up to but excluding {@code toIndex}, stopping early once {@code maxBytes} of
     * {@link LogEntry#sizeBytes()} is reached (at least one entry is returned when any is in range).
     */
    List<LogEntry> read(long fromIndex, long toIndex, long maxBytes);

    /** Appends consecutive entries starting at {@code lastIndex() + 1}. */
    void append(List<LogEntry> entries);

    /** Removes every entry from {@code fromIndex} on, because the leader's log replaces them (§5.3). */
    void truncateSuffix(long fromIndex);

    /**
     * Allows dropping entries up to and including {@code throughIndex}, which a snapshot now covers (§7). A store may
     * keep some of them ({@link #firstIndex()} may stay at or below {@code throughIndex + 1}); compacting past the
     * end leaves an empty log whose {@link #lastIndex()} is {@code throughIndex}.
     */
    void compactPrefix(long throughIndex);

    /** Makes every change so far durable (fsync); returns only once it is. */
    void sync();

    /** Closes the store. Idempotent. */
    @Override
    void close();
}
