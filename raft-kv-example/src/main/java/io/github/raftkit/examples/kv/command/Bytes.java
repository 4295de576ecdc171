package io.github.raftkit.examples.kv.command;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string: a key, a value, a prefix or a pattern. Keys are binary, as in Redis and etcd, so they are
 * compared as unsigned bytes ({@code 0xff} sorts after {@code 'a'}), which is also the order of a range scan.
 *
 * <p>Immutable and thread-safe: the bytes are copied in and copied out, never shared.
 */
public final class Bytes implements Comparable<Bytes> {
    public static final Bytes EMPTY = new Bytes(new byte[0]);

    private final byte[] data;

    private Bytes(byte[] data) {
        this.data = data;
    }

    /** A copy of {@code data}. */
    public static Bytes of(byte[] data) {
        return new Bytes(data.clone());
    }

    /** The UTF-8 encoding of {@code text}. */
    public static Bytes utf8(String text) {
        return new Bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Takes ownership of {@code data}, which the caller must never change again. */
    static Bytes owning(byte[] data) {
        return new Bytes(data);
    }

    public int length() {
        return data.length;
    }

    public byte byteAt(int index) {
        return data[index];
    }

    public boolean startsWith(Bytes prefix) {
        return prefix.data.length <= data.length
                && Arrays.equals(data, 0, prefix.data.length, prefix.data, 0, prefix.data.length);
    }

    /** A copy of the bytes. */
    public byte[] toByteArray() {
        return data.clone();
    }

    /** The bytes decoded as UTF-8, malformed sequences replaced. */
    public String utf8() {
        return new String(data, StandardCharsets.UTF_8);
    }

    /** Writes the bytes to {@code out} without copying them. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(data);
    }

    /** The bytes themselves, for the codec in this package, which only reads them. */
    byte[] array() {
        return data;
    }

    @Override
    public int compareTo(Bytes other) {
        return Arrays.compareUnsigned(data, other.data);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Bytes bytes && Arrays.equals(data, bytes.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    /** The text when the bytes are printable ASCII, else {@code 0x} and hex digits: unambiguous in messages. */
    @Override
    public String toString() {
        for (byte b : data) {
            if (b < 0x20 || b > 0x7e) {
                return "0x" + HexFormat.of().formatHex(data);
            }
        }
        return new String(data, StandardCharsets.US_ASCII);
    }
}
