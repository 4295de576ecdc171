package io.github.raftkit.examples.lock.command;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/** The fields of each {@link LockResult}, for {@link LockCodec}. */
final class ResultFields {
    /** A holder takes a session, a token and a count. */
    private static final int HOLDER_BYTES = 8 + 8 + 4;
    /** A waiter takes a session and a mode. */
    private static final int WAITER_BYTES = 8 + 1;
    /** A string takes at least its length. */
    private static final int STRING_BYTES = 2;

    private ResultFields() {
    }

    static void write(DataOutputStream out, LockResult result) throws IOException {
        if (result instanceof LockResult.SessionOpened opened) {
            out.writeByte(1);
            out.writeLong(opened.session());
            out.writeLong(opened.ttlMillis());
        } else if (result instanceof LockResult.Renewed renewed) {
            out.writeByte(2);
            out.writeLong(renewed.session());
            out.writeLong(renewed.renewal());
        } else if (result instanceof LockResult.SessionEnded ended) {
            out.writeByte(3);
            out.writeLong(ended.session());
        } else if (result instanceof LockResult.Granted granted) {
            out.writeByte(4);
            out.writeUTF(granted.name());
            out.writeLong(granted.token());
        } else if (result instanceof LockResult.Queued queued) {
            out.writeByte(5);
            out.writeUTF(queued.name());
            out.writeInt(queued.position());
        } else if (result instanceof LockResult.Busy busy) {
            out.writeByte(6);
            out.writeUTF(busy.name());
        } else if (result instanceof LockResult.Released released) {
            out.writeByte(7);
            out.writeUTF(released.name());
            out.writeInt(released.holdsLeft());
        } else if (result instanceof LockResult.Cancelled cancelled) {
            out.writeByte(8);
            out.writeUTF(cancelled.name());
        } else if (result instanceof LockResult.NotExpired notExpired) {
            out.writeByte(9);
            out.writeLong(notExpired.session());
        } else if (result instanceof LockResult.Holders holders) {
            out.writeByte(10);
            writeHolders(out, holders);
        } else if (result instanceof LockResult.SessionState state) {
            out.writeByte(11);
            out.writeLong(state.session());
            out.writeLong(state.ttlMillis());
            out.writeLong(state.renewal());
            writeNames(out, state.held());
            writeNames(out, state.waiting());
        } else if (result instanceof LockResult.Overview overview) {
            out.writeByte(12);
            out.writeInt(overview.sessions());
            out.writeInt(overview.locks());
            out.writeInt(overview.waiters());
        } else if (result instanceof LockResult.Failure failure) {
            out.writeByte(13);
            out.writeByte(failure.error().ordinal());
            out.writeUTF(failure.message());
        }
    }

    static LockResult read(DataInputStream in) throws IOException {
        return switch (in.readUnsignedByte()) {
            case 1 -> new LockResult.SessionOpened(in.readLong(), in.readLong());
            case 2 -> new LockResult.Renewed(in.readLong(), in.readLong());
            case 3 -> new LockResult.SessionEnded(in.readLong());
            case 4 -> new LockResult.Granted(in.readUTF(), in.readLong());
            case 5 -> new LockResult.Queued(in.readUTF(), in.readInt());
            case 6 -> new LockResult.Busy(in.readUTF());
            case 7 -> new LockResult.Released(in.readUTF(), in.readInt());
            case 8 -> new LockResult.Cancelled(in.readUTF());
            case 9 -> new LockResult.NotExpired(in.readLong());
            case 10 -> new LockResult.Holders(in.readUTF(), LockCodec.mode(in),
                    LockCodec.list(in, HOLDER_BYTES, r -> new LockResult.Holder(r.readLong(), r.readLong(),
                            r.readInt())),
                    LockCodec.list(in, WAITER_BYTES, r -> new LockResult.Waiter(r.readLong(), LockCodec.mode(r))));
            case 11 -> new LockResult.SessionState(in.readLong(), in.readLong(), in.readLong(),
                    LockCodec.list(in, STRING_BYTES, r -> r.readUTF()),
                    LockCodec.list(in, STRING_BYTES, r -> r.readUTF()));
            case 12 -> new LockResult.Overview(in.readInt(), in.readInt(), in.readInt());
            case 13 -> new LockResult.Failure(error(in.readUnsignedByte()), in.readUTF());
            default -> throw new LockCodec.MalformedException("unknown result tag");
        };
    }

    private static void writeHolders(DataOutputStream out, LockResult.Holders holders) throws IOException {
        out.writeUTF(holders.name());
        out.writeByte(holders.mode().ordinal());
        out.writeInt(holders.holders().size());
        for (LockResult.Holder holder : holders.holders()) {
            out.writeLong(holder.session());
            out.writeLong(holder.token());
            out.writeInt(holder.holds());
        }
        out.writeInt(holders.waiters().size());
        for (LockResult.Waiter waiter : holders.waiters()) {
            out.writeLong(waiter.session());
            out.writeByte(waiter.mode().ordinal());
        }
    }

    private static void writeNames(DataOutputStream out, List<String> names) throws IOException {
        out.writeInt(names.size());
        for (String name : names) {
            out.writeUTF(name);
        }
    }

    private static LockError error(int ordinal) {
        if (ordinal >= LockError.values().length) {
            throw new LockCodec.MalformedException("unknown error code " + ordinal);
        }
        return LockError.values()[ordinal];
    }
}
