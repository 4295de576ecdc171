package io.github.raftkit.examples.lock.command;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of commands, queries and results: a tag byte, then the fields in order, strings as modified UTF-8
 * with a 16-bit length (so a string costs at most 64 KiB to read), lists as a count checked against the bytes left.
 * Decoding untrusted bytes throws {@link MalformedException} naming what was wrong, never allocates more than the input
 * could hold, and refuses trailing bytes. Stateless.
 */
public final class LockCodec {
    private LockCodec() {
    }

    /** Thrown for bytes that are not a valid encoding. */
    public static final class MalformedException extends IllegalArgumentException {
        MalformedException(String message) {
            super(message);
        }
    }

    public static byte[] encode(LockCommand command) {
        return write(out -> {
            if (command instanceof LockCommand.OpenSession open) {
                out.writeByte(1);
                out.writeLong(open.ttlMillis());
            } else if (command instanceof LockCommand.KeepAlive keepAlive) {
                out.writeByte(2);
                out.writeLong(keepAlive.session());
            } else if (command instanceof LockCommand.CloseSession close) {
                out.writeByte(3);
                out.writeLong(close.session());
            } else if (command instanceof LockCommand.Acquire acquire) {
                out.writeByte(4);
                out.writeLong(acquire.session());
                out.writeUTF(acquire.name());
                out.writeByte(acquire.mode().ordinal());
                out.writeBoolean(acquire.queue());
            } else if (command instanceof LockCommand.Release release) {
                out.writeByte(5);
                out.writeLong(release.session());
                out.writeUTF(release.name());
            } else if (command instanceof LockCommand.Cancel cancel) {
                out.writeByte(6);
                out.writeLong(cancel.session());
                out.writeUTF(cancel.name());
            } else if (command instanceof LockCommand.Expire expire) {
                out.writeByte(7);
                out.writeLong(expire.session());
                out.writeLong(expire.renewal());
            }
        });
    }

    public static LockCommand decodeCommand(byte[] bytes) {
        return read(bytes, "command", in -> switch (in.readUnsignedByte()) {
            case 1 -> new LockCommand.OpenSession(in.readLong());
            case 2 -> new LockCommand.KeepAlive(in.readLong());
            case 3 -> new LockCommand.CloseSession(in.readLong());
            case 4 -> new LockCommand.Acquire(in.readLong(), in.readUTF(), mode(in), in.readBoolean());
            case 5 -> new LockCommand.Release(in.readLong(), in.readUTF());
            case 6 -> new LockCommand.Cancel(in.readLong(), in.readUTF());
            case 7 -> new LockCommand.Expire(in.readLong(), in.readLong());
            default -> throw new MalformedException("unknown command tag");
        });
    }

    public static byte[] encode(LockQuery query) {
        return write(out -> {
            if (query instanceof LockQuery.Holders holders) {
                out.writeByte(1);
                out.writeUTF(holders.name());
            } else if (query instanceof LockQuery.SessionInfo info) {
                out.writeByte(2);
                out.writeLong(info.session());
            } else if (query instanceof LockQuery.AwaitGrant await) {
                out.writeByte(3);
                out.writeLong(await.session());
                out.writeUTF(await.name());
            } else if (query instanceof LockQuery.Overview) {
                out.writeByte(4);
            }
        });
    }

    public static LockQuery decodeQuery(byte[] bytes) {
        return read(bytes, "query", in -> switch (in.readUnsignedByte()) {
            case 1 -> new LockQuery.Holders(in.readUTF());
            case 2 -> new LockQuery.SessionInfo(in.readLong());
            case 3 -> new LockQuery.AwaitGrant(in.readLong(), in.readUTF());
            case 4 -> new LockQuery.Overview();
            default -> throw new MalformedException("unknown query tag");
        });
    }

    public static byte[] encode(LockResult result) {
        return write(out -> ResultFields.write(out, result));
    }

    public static LockResult decodeResult(byte[] bytes) {
        return read(bytes, "result", ResultFields::read);
    }

    static LockMode mode(DataInputStream in) throws IOException {
        int ordinal = in.readUnsignedByte();
        if (ordinal >= LockMode.values().length) {
            throw new MalformedException("unknown lock mode " + ordinal);
        }
        return LockMode.values()[ordinal];
    }

    /** A count of items of at least {@code minBytes} each, refused if more than the rest of the input could hold. */
    static int count(DataInputStream in, int minBytes) throws IOException {
        int count = in.readInt();
        if (count < 0 || (long) count * minBytes > in.available()) {
            throw new MalformedException("a count of " + count + " items cannot fit in the " + in.available()
                    + " bytes left");
        }
        return count;
    }

    static <T> List<T> list(DataInputStream in, int minBytes, Reader<T> item) throws IOException {
        int count = count(in, minBytes);
        List<T> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(item.read(in));
        }
        return items;
    }

    /** Reads one value from a stream; may throw {@link IOException} for input that ends early. */
    @FunctionalInterface
    interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    /** Writes one value to a stream. */
    @FunctionalInterface
    interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            // Only a string longer than 64 KiB in UTF-8 gets here; names are checked long before.
            throw new UncheckedIOException("cannot encode: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    private static <T> T read(byte[] bytes, String what, Reader<T> reader) {
        if (bytes.length == 0) {
            throw new MalformedException("an empty " + what);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            T value = reader.read(in);
            if (in.available() > 0) {
                throw new MalformedException(in.available() + " bytes left over after the " + what);
            }
            return value;
        } catch (MalformedException e) {
            throw new MalformedException("malformed " + what + " (tag " + (bytes[0] & 0xff) + "): " + e.getMessage());
        } catch (IOException e) {
            throw new MalformedException("malformed " + what + " (tag " + (bytes[0] & 0xff) + ", " + bytes.length
                    + " bytes): it ends early or holds invalid text");
        }
    }
}
