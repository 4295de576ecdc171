package io.github.raftkit.examples.kv.command;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the codec's primitives from untrusted bytes. Every length and count is checked against what is left before
 * anything is allocated, so garbage costs at most its own size; a violation throws {@link Malformed}, which the
 * codecs turn into an error result. Not thread-safe; one per decoded message.
 */
final class WireReader {
    private final byte[] data;
    private int position;

    WireReader(byte[] data) {
        this.data = data;
    }

    int u8() {
        need(1, "a byte");
        return data[position++] & 0xff;
    }

    boolean bool() {
        int value = u8();
        if (value > 1) {
            throw new Malformed("a flag is " + value + ", not 0 or 1");
        }
        return value == 1;
    }

    /** A varint that must fit a non-negative long. */
    long varint() {
        long value = 0;
        for (int shift = 0; shift < 63; shift += 7) {
            int next = u8();
            value |= (long) (next & 0x7f) << shift;
            if ((next & 0x80) == 0) {
                return value;
            }
        }
        throw new Malformed("a varint at offset " + position + " is longer than 63 bits");
    }

    /** A varint that must fit a non-negative int. */
    int varint32() {
        long value = varint();
        if (value > Integer.MAX_VALUE) {
            throw new Malformed("a count of " + value + " is out of range");
        }
        return (int) value;
    }

    /** A count of items that each take at least {@code minBytes}; more than could follow is malformed. */
    int count(int minBytes) {
        int count = varint32();
        if ((long) count * minBytes > remaining()) {
            throw new Malformed("a count of " + count + " items cannot fit in the " + remaining() + " bytes left");
        }
        return count;
    }

    long int64() {
        need(8, "a 64-bit integer");
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (data[position++] & 0xff);
        }
        return value;
    }

    Bytes bytes() {
        int length = varint32();
        need(length, "a byte string of " + length + " bytes");
        byte[] value = Arrays.copyOfRange(data, position, position + length);
        position += length;
        return Bytes.owning(value);
    }

    String text() {
        return new String(bytes().array(), StandardCharsets.UTF_8);
    }

    /** Insists that nothing follows: trailing bytes mean the sender spoke another version. */
    void end() {
        if (remaining() != 0) {
            throw new Malformed(remaining() + " unexpected bytes at the end");
        }
    }

    private int remaining() {
        return data.length - position;
    }

    private void need(int bytes, String what) {
        if (remaining() < bytes) {
            throw new Malformed("truncated: " + what + " at offset " + position + " but only " + remaining()
                    + " bytes left");
        }
    }

    /** Bytes that do not follow the codec; unchecked so that readers stay plain, caught by the codecs. */
    static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }
}
