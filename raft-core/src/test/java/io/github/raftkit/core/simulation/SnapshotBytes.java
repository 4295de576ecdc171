package io.github.raftkit.core.simulation;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/** The bytes of a simulated state machine's snapshot: the index it covers and the hash chain through it. */
final class SnapshotBytes {
    private SnapshotBytes() {
    }

    static byte[] encode(long index, long hash) {
        return ByteBuffer.allocate(16).putLong(index).putLong(hash).array();
    }

    static long index(byte[] bytes) {
        return ByteBuffer.wrap(bytes).getLong(0);
    }

    static long hash(byte[] bytes) {
        return ByteBuffer.wrap(bytes).getLong(8);
    }

    static long crc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return crc.getValue();
    }
}
