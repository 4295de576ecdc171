package io.github.raftkit.core.engine.snapshot;

/**
 * A change to the stored log's prefix that a snapshot made possible, for storage to carry out in order with the
 * writes around it.
 *
 * @param throughIndex the stored log may drop every entry through this index ({@code LogStore.compactPrefix})
 * @param discardLog also drop every entry after it: an installed snapshot replaced a log that does not follow it
 */
public record LogCompaction(long throughIndex, boolean discardLog) {
}
