package io.github.raftkit.core.simulation;

import java.nio.ByteBuffer;

/**
 * A client's write, as the bytes of a log entry: a command id unique in the run (the invariants that a command is
 * applied once key on it), the register it writes and the value. The workload writes each command's id as its value,
 * so no two writes on a key write the same value, and a stale read shows as the old value it returned.
 */
record RegisterCommand(long id, int key, long value) {
    private static final int BYTES = Long.BYTES + Integer.BYTES + Long.BYTES;

    byte[] encode() {
        return ByteBuffer.allocate(BYTES).putLong(id).putInt(key).putLong(value).array();
    }

    static RegisterCommand decode(byte[] data) {
        ByteBuffer buffer = ByteBuffer.wrap(data);
        return new RegisterCommand(buffer.getLong(), buffer.getInt(), buffer.getLong());
    }

    /** The register's name in the client history. */
    static String keyName(int key) {
        return "k" + key;
    }
}
