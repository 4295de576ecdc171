package io.github.raftkit.examples.lock.machine;

import io.github.raftkit.examples.lock.command.LockMode;
import io.github.raftkit.examples.lock.command.LockResult;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The lock table in a snapshot: a version, the sessions, the locks with their holders and queues, and the recently
 * expired ids. A session's own list of locks is not written: restoring rebuilds it from the locks.
 */
final class SnapshotFormat {
    private static final int VERSION = 1;

    private SnapshotFormat() {
    }

    /**
     * The table's bytes, encoded at once on the apply thread: a lock table is small (bounded by
     * {@link io.github.raftkit.examples.lock.command.LockLimits}), so a copy is the cheapest consistent view.
     */
    static byte[] encode(LockTable table) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(VERSION);
            out.writeInt(table.sessions().size());
            for (LiveSession session : table.sessions()) {
                out.writeLong(session.id);
                out.writeLong(session.ttlMillis);
                out.writeLong(session.renewal);
            }
            out.writeInt(table.locks().size());
            for (HeldLock lock : table.locks().values()) {
                out.writeUTF(lock.name);
                out.writeByte(lock.mode.ordinal());
                out.writeInt(lock.holders.size());
                for (Map.Entry<Long, HeldLock.Hold> hold : lock.holders.entrySet()) {
                    out.writeLong(hold.getKey());
                    out.writeLong(hold.getValue().token);
                    out.writeInt(hold.getValue().count);
                }
                out.writeInt(lock.queue.size());
                for (LockResult.Waiter waiter : lock.queue) {
                    out.writeLong(waiter.session());
                    out.writeByte(waiter.mode().ordinal());
                }
            }
            List<Long> expired = table.expired().inOrder();
            out.writeInt(expired.size());
            for (long id : expired) {
                out.writeLong(id);
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    /** Reads a snapshot into {@code table}, replacing its state; throws {@link IOException} for a damaged one. */
    static void restore(InputStream stream, LockTable table) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException("lock snapshot version " + version + " is not " + VERSION);
        }
        Map<Long, LiveSession> sessions = new TreeMap<>();
        for (int i = count(in, "sessions"); i > 0; i--) {
            LiveSession session = new LiveSession(in.readLong(), in.readLong(), in.readLong());
            sessions.put(session.id, session);
        }
        List<HeldLock> locks = new ArrayList<>();
        for (int i = count(in, "locks"); i > 0; i--) {
            HeldLock lock = new HeldLock(in.readUTF());
            lock.mode = mode(in);
            for (int h = count(in, "holders"); h > 0; h--) {
                long session = in.readLong();
                lock.holders.put(session, new HeldLock.Hold(in.readLong(), in.readInt()));
                owner(sessions, session, lock.name).locks.add(lock.name);
            }
            for (int w = count(in, "waiters"); w > 0; w--) {
                long session = in.readLong();
                lock.queue.addLast(new LockResult.Waiter(session, mode(in)));
                owner(sessions, session, lock.name).locks.add(lock.name);
            }
            locks.add(lock);
        }
        List<Long> expired = new ArrayList<>();
        for (int i = count(in, "expired ids"); i > 0; i--) {
            expired.add(in.readLong());
        }
        table.replaceWith(List.copyOf(sessions.values()), locks, expired);
    }

    private static LiveSession owner(Map<Long, LiveSession> sessions, long id, String lock) throws IOException {
        LiveSession session = sessions.get(id);
        if (session == null) {
            throw new IOException("lock '" + lock + "' names session " + id + ", which the snapshot does not hold");
        }
        return session;
    }

    private static int count(DataInputStream in, String what) throws IOException {
        int count = in.readInt();
        if (count < 0) {
            throw new IOException("a negative count of " + what + ": " + count);
        }
        return count;
    }

    private static LockMode mode(DataInputStream in) throws IOException {
        int ordinal = in.readUnsignedByte();
        if (ordinal >= LockMode.values().length) {
            throw new IOException("unknown lock mode " + ordinal);
        }
        return LockMode.values()[ordinal];
    }
}
