package io.github.raftkit.examples.kv.command;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Appends the codec's primitives to a growing array. Not thread-safe; one per encoded message. */
final class WireWriter {
    private byte[] buffer;
    private int size;

    WireWriter(int expectedSize) {
        buffer = new byte[Math.max(16, expectedSize)];
    }

    WireWriter u8(int value) {
        ensure(1);
        buffer[size++] = (byte) value;
        return this;
    }

    WireWriter bool(boolean value) {
        return u8(value ? 1 : 0);
    }

    /** An unsigned LEB128 varint: lengths, counts, limits and revisions are small and never negative. */
    WireWriter varint(long value) {
        ensure(10);
        long rest = value;
        while ((rest & ~0x7fL) != 0) {
            buffer[size++] = (byte) ((rest & 0x7f) | 0x80);
            rest >>>= 7;
        }
        buffer[size++] = (byte) rest;
        return this;
    }

    /** A big-endian signed 64-bit value, for a delta that may be negative. */
    WireWriter int64(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    WireWriter bytes(Bytes value) {
        byte[] data = value.array();
        varint(data.length);
        ensure(data.length);
        System.arraycopy(data, 0, buffer, size, data.length);
        size += data.length;
        return this;
    }

    WireWriter text(String value) {
        return bytes(Bytes.owning(value.getBytes(StandardCharsets.UTF_8)));
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    private void ensure(int more) {
        if (buffer.length - size < more) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }
}
