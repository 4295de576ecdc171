package io.github.raftkit.examples.kv.store;

import io.github.raftkit.examples.kv.command.Bytes;
import io.github.raftkit.examples.kv.command.KeyValue;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Iterator;

/**
 * The store's snapshot: a format byte, the number of entries, then each entry (key, value, create revision, mod
 * revision, version) in key order, streamed both ways so that a store larger than the heap's free space can be
 * written and read. Integrity is the snapshot store's job (it checksums); this format checks only its own shape.
 */
final class SnapshotFormat {
    private static final int FORMAT = 1;

    private SnapshotFormat() {
    }

    static void write(KeyTree entries, OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, 64 * 1024));
        data.writeByte(FORMAT);
        data.writeLong(entries.size());
        for (Iterator<KeyValue> it = entries.iterator(); it.hasNext(); ) {
            KeyValue entry = it.next();
            bytes(data, entry.key());
            bytes(data, entry.value());
            data.writeLong(entry.createRevision());
            data.writeLong(entry.modRevision());
            data.writeLong(entry.version());
        }
        data.flush();
    }

    static KeyTree read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(new BufferedInputStream(in, 64 * 1024));
        int format = data.readUnsignedByte();
        if (format != FORMAT) {
            throw new IOException("kv snapshot format " + format + " is not the supported format " + FORMAT);
        }
        long count = data.readLong();
        KeyTree entries = KeyTree.EMPTY;
        Bytes previous = null;
        for (long i = 0; i < count; i++) {
            KeyValue entry = new KeyValue(bytes(data), bytes(data), data.readLong(), data.readLong(), data.readLong());
            if (previous != null && previous.compareTo(entry.key()) >= 0) {
                throw new IOException("kv snapshot entry " + i + " (" + entry.key() + ") is out of key order");
            }
            previous = entry.key();
            entries = entries.put(entry);
        }
        if (data.read() != -1) {
            throw new IOException("kv snapshot has bytes after its " + count + " entries");
        }
        return entries;
    }

    private static void bytes(DataOutputStream data, Bytes value) throws IOException {
        data.writeInt(value.length());
        value.writeTo(data);
    }

    private static Bytes bytes(DataInputStream data) throws IOException {
        int length = data.readInt();
        if (length < 0) {
            throw new IOException("kv snapshot holds a negative length " + length);
        }
        byte[] value = data.readNBytes(length);
        if (value.length != length) {
            throw new IOException("kv snapshot ends inside a " + length + "-byte string");
        }
        return Bytes.of(value);
    }
}
