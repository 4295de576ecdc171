package io.github.raftkit.examples.kv.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The binary form of commands and queries: a version byte, an operation byte, then the operation's fields, with
 * byte strings and counts as varint-prefixed runs (the layout is in {@code docs/kv.md}). Decoding never throws:
 * bytes that do not decode become {@link KvCommand.Malformed} or {@link KvQuery.Malformed}, because an exception in
 * {@code apply} would stop a member. Stateless and thread-safe.
 */
public final class RequestCodec {
    static final int VERSION = 1;

    private static final int PUT = 0x01;
    private static final int PUT_ALL = 0x02;
    private static final int DELETE = 0x03;
    private static final int COMPARE_AND_SET = 0x04;
    private static final int INCREMENT = 0x05;
    private static final int GET = 0x11;
    private static final int SCAN = 0x12;
    private static final int KEYS = 0x13;
    private static final int COUNT = 0x14;
    private static final int EXISTS = 0x15;

    private RequestCodec() {
    }

    public static byte[] encode(KvCommand command) {
        WireWriter out = new WireWriter(64);
        out.u8(VERSION);
        if (command instanceof KvCommand.Put put) {
            out.u8(PUT).u8(put.condition().ordinal()).bytes(put.key()).bytes(put.value());
        } else if (command instanceof KvCommand.PutAll putAll) {
            out.u8(PUT_ALL).varint(putAll.pairs().size());
            putAll.pairs().forEach(pair -> out.bytes(pair.key()).bytes(pair.value()));
        } else if (command instanceof KvCommand.Delete delete) {
            keys(out.u8(DELETE), delete.keys());
        } else if (command instanceof KvCommand.CompareAndSet cas) {
            out.u8(COMPARE_AND_SET).bytes(cas.key()).varint(cas.expectedModRevision()).bytes(cas.value());
        } else if (command instanceof KvCommand.Increment increment) {
            out.u8(INCREMENT).bytes(increment.key()).int64(increment.delta());
        } else {
            throw new IllegalArgumentException("a malformed command has no encoding: " + command);
        }
        return out.toByteArray();
    }

    public static byte[] encode(KvQuery query) {
        WireWriter out = new WireWriter(32);
        out.u8(VERSION);
        if (query instanceof KvQuery.Get get) {
            keys(out.u8(GET), get.keys());
        } else if (query instanceof KvQuery.Scan scan) {
            after(out.u8(SCAN).bytes(scan.prefix()), scan.after()).varint(scan.limit());
        } else if (query instanceof KvQuery.Keys keys) {
            after(out.u8(KEYS).bytes(keys.pattern()), keys.after()).varint(keys.limit());
        } else if (query instanceof KvQuery.Count) {
            out.u8(COUNT);
        } else if (query instanceof KvQuery.Exists exists) {
            keys(out.u8(EXISTS), exists.keys());
        } else {
            throw new IllegalArgumentException("a malformed query has no encoding: " + query);
        }
        return out.toByteArray();
    }

    /** The command in {@code payload}, or {@link KvCommand.Malformed} saying what is wrong with it. */
    public static KvCommand decodeCommand(byte[] payload) {
        try {
            WireReader in = new WireReader(payload);
            int op = header(in);
            KvCommand command = switch (op) {
                case PUT -> {
                    int condition = in.u8();
                    if (condition >= PutCondition.values().length) {
                        throw new WireReader.Malformed("unknown put condition " + condition);
                    }
                    yield new KvCommand.Put(in.bytes(), in.bytes(), PutCondition.values()[condition]);
                }
                case PUT_ALL -> {
                    int count = in.count(2);
                    List<KvCommand.KeyValuePair> pairs = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        pairs.add(new KvCommand.KeyValuePair(in.bytes(), in.bytes()));
                    }
                    yield new KvCommand.PutAll(pairs);
                }
                case DELETE -> new KvCommand.Delete(keys(in));
                case COMPARE_AND_SET -> new KvCommand.CompareAndSet(in.bytes(), in.varint(), in.bytes());
                case INCREMENT -> new KvCommand.Increment(in.bytes(), in.int64());
                default -> throw new WireReader.Malformed("unknown command operation 0x" + Integer.toHexString(op));
            };
            in.end();
            return command;
        } catch (WireReader.Malformed e) {
            return new KvCommand.Malformed(e.getMessage());
        }
    }

    /** The query in {@code payload}, or {@link KvQuery.Malformed} saying what is wrong with it. */
    public static KvQuery decodeQuery(byte[] payload) {
        try {
            WireReader in = new WireReader(payload);
            int op = header(in);
            KvQuery query = switch (op) {
                case GET -> new KvQuery.Get(keys(in));
                case SCAN -> new KvQuery.Scan(in.bytes(), after(in), in.varint32());
                case KEYS -> new KvQuery.Keys(in.bytes(), after(in), in.varint32());
                case COUNT -> new KvQuery.Count();
                case EXISTS -> new KvQuery.Exists(keys(in));
                default -> throw new WireReader.Malformed("unknown query operation 0x" + Integer.toHexString(op));
            };
            in.end();
            return query;
        } catch (WireReader.Malformed e) {
            return new KvQuery.Malformed(e.getMessage());
        }
    }

    /** Reads the version and returns the operation; a version this code does not speak is malformed. */
    static int header(WireReader in) {
        int version = in.u8();
        if (version != VERSION) {
            throw new WireReader.Malformed("version " + version + " is not the supported version " + VERSION);
        }
        return in.u8();
    }

    private static void keys(WireWriter out, List<Bytes> keys) {
        out.varint(keys.size());
        keys.forEach(out::bytes);
    }

    private static List<Bytes> keys(WireReader in) {
        int count = in.count(1);
        List<Bytes> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            keys.add(in.bytes());
        }
        return keys;
    }

    private static WireWriter after(WireWriter out, Optional<Bytes> after) {
        out.bool(after.isPresent());
        after.ifPresent(out::bytes);
        return out;
    }

    private static Optional<Bytes> after(WireReader in) {
        return in.bool() ? Optional.of(in.bytes()) : Optional.empty();
    }
}
