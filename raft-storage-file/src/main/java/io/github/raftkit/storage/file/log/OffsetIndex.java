package io.github.raftkit.storage.file.log;

import java.util.Arrays;

/**
 * The file offset of each record in one segment, in index order: the in-memory index that finds an entry without
 * scanning. Four bytes per entry. Not thread-safe; {@link SegmentedLog} guards it with its lock.
 */
final class OffsetIndex {
    private int[] offsets = new int[64];
    private int size;

    int size() {
        return size;
    }

    int get(int position) {
        return offsets[position];
    }

    void add(long offset) {
        if (size == offsets.length) {
            offsets = Arrays.copyOf(offsets, size * 2);
        }
        offsets[size++] = Math.toIntExact(offset);
    }

    /** Forgets every record from {@code position} on. */
    void truncate(int position) {
        size = Math.min(size, position);
    }
}
