package io.github.raftkit.api.log;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One entry of the replicated log. Immutable by contract: nobody may change {@code data} once the entry exists, since
 * the same array is shared by the log, the network and the state machine to avoid copies.
 *
 * @param index its position, from 1
 * @param term the term of the leader that created it
 * @param type what it carries
 * @param data the payload, empty for a no-op
 */
public record LogEntry(long index, long term, EntryType type, byte[] data) {
    /** Bytes of framing counted per entry on top of its payload when sizing batches. */
    public static final int OVERHEAD_BYTES = 32;
    private static final byte[] EMPTY = new byte[0];

    public LogEntry {
        if (index < 1) {
            throw new IllegalArgumentException("log index must be at least 1, got " + index);
        }
        if (term < 1) {
            throw new IllegalArgumentException("log term must be at least 1, got " + term);
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
    }

    /** A command entry. */
    public static LogEntry command(long index, long term, byte[] data) {
        return new LogEntry(index, term, EntryType.COMMAND, data);
    }

    /** A no-op entry. */
    public static LogEntry noOp(long index, long term) {
        return new LogEntry(index, term, EntryType.NO_OP, EMPTY);
    }

    /** The size this entry counts for in batch and memory limits. */
    public long sizeBytes() {
        return data.length + OVERHEAD_BYTES;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogEntry e && index == e.index && term == e.term && type == e.type
                && Arrays.equals(data, e.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, term, type) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        String payload = data.length <= 16 ? HexFormat.of().formatHex(data) : data.length + " bytes";
        return "LogEntry[" + index + "@" + term + " " + type + " " + payload + "]";
    }
}
