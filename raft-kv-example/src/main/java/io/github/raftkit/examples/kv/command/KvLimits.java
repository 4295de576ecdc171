package io.github.raftkit.examples.kv.command;

/**
 * The largest key and value the store accepts. The store enforces them in {@code apply}, so every member must run
 * with the same limits, or members would disagree about which writes succeeded; a client checks them too, to fail
 * early with a clear error instead of after a round of consensus. Immutable.
 *
 * @param maxKeyBytes the longest key, in bytes (default 4 KiB)
 * @param maxValueBytes the longest value, in bytes (default 1 MiB); at least 20, so that any 64-bit integer an
 *     increment stores fits
 */
public record KvLimits(int maxKeyBytes, int maxValueBytes) {
    /** The length of {@code -9223372036854775808}, the longest value an increment writes. */
    public static final int MIN_VALUE_BYTES = 20;

    /** The defaults: 4 KiB keys and 1 MiB values. */
    public static final KvLimits DEFAULT = new KvLimits(4 * 1024, 1024 * 1024);

    public KvLimits {
        if (maxKeyBytes < 1 || maxValueBytes < MIN_VALUE_BYTES) {
            throw new IllegalArgumentException("maxKeyBytes must be at least 1 and maxValueBytes at least "
                    + MIN_VALUE_BYTES + ", got " + maxKeyBytes + " and " + maxValueBytes);
        }
    }
}
