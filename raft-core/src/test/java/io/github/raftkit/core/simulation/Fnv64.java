package io.github.raftkit.core.simulation;

/**
 * 64-bit FNV-1a over longs and bytes. Used for the trace hash and for log prefix hashes because, unlike
 * {@code Object.hashCode}, it is specified bit for bit and so gives the same value on every JVM and every run.
 */
final class Fnv64 {
    /** The hash of nothing. */
    static final long EMPTY = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private Fnv64() {
    }

    static long update(long hash, long value) {
        for (int shift = 0; shift < 64; shift += 8) {
            hash ^= (value >>> shift) & 0xff;
            hash *= PRIME;
        }
        return hash;
    }

    static long update(long hash, byte[] bytes) {
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= PRIME;
        }
        return update(hash, bytes.length);
    }

    static long update(long hash, String text) {
        for (int i = 0; i < text.length(); i++) {
            hash ^= text.charAt(i);
            hash *= PRIME;
        }
        return update(hash, text.length());
    }
}
