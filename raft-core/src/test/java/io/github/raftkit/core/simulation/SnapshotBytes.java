package io.github.raftkit.core.simulation;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * The bytes of a simulated state machine's snapshot: the index it covers, the hash chain through it, and the registers
 * written so far as (key, value) pairs.
 */
final class SnapshotBytes {
    private static final int HEADER = Long.BYTES + Long.BYTES + Integer.BYTES;
    private static final int REGISTER = Integer.BYTES + Long.BYTES;

    private SnapshotBytes() {
    }

    static byte[] encode(long index, long hash, Map<Integer, Long> registers) {
        ByteBuffer buffer = ByteBuffer.allocate(HEADER + registers.size() * REGISTER)
                .putLong(index).putLong(hash).putInt(registers.size());
        registers.forEach((key, value) -> buffer.putInt(key).putLong(value));
        return buffer.array();
    }

    static long index(byte[] bytes) {
        return ByteBuffer.wrap(bytes).getLong(0);
    }

    static long hash(byte[] bytes) {
        return ByteBuffer.wrap(bytes).getLong(8);
    }

    static Map<Integer, Long> registers(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).position(16);
        Map<Integer, Long> registers = new TreeMap<>();
        for (int count = buffer.getInt(); count > 0; count--) {
            registers.put(buffer.getInt(), buffer.getLong());
        }
        return registers;
    }

    static long crc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return crc.getValue();
    }
}
