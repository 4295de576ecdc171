package io.github.raftkit.core.simulation;

import io.github.raftkit.api.statemachine.Snapshot;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The bytes of a simulated member's snapshot: the index it covers and the hash chain through it, which are the
 * checker's and stay outside the application, then whatever the application's state machine wrote.
 */
final class SnapshotBytes {
    private static final int HEADER = Long.BYTES + Long.BYTES;

    private SnapshotBytes() {
    }

    /** A snapshot that writes the header, then {@code state}'s bytes. */
    static Snapshot framing(long index, long hash, Snapshot state) {
        return out -> {
            out.write(ByteBuffer.allocate(HEADER).putLong(index).putLong(hash).array());
            state.writeTo(out);
        };
    }

    /**
     * Writes {@code snapshot} out. The stream is memory and never fails, so an {@link IOException} can only be the
     * application's own, and fails the run rather than abandoning the snapshot quietly.
     */
    static byte[] write(Snapshot snapshot) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            snapshot.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("the state machine's snapshot failed to write to memory", e);
        }
        return out.toByteArray();
    }

    static long index(byte[] bytes) {
        return ByteBuffer.wrap(bytes).getLong(0);
    }

    static long hash(byte[] bytes) {
        return ByteBuffer.wrap(bytes).getLong(Long.BYTES);
    }

    /** The application's part, for {@link io.github.raftkit.api.statemachine.StateMachine#restore}. */
    static InputStream state(byte[] bytes) {
        return new ByteArrayInputStream(bytes, HEADER, bytes.length - HEADER);
    }

    static long crc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return crc.getValue();
    }
}
