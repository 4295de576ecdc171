package io.github.raftkit.examples.kv.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The binary form of results: a version byte, a type byte, then the fields (the layout is in {@code docs/kv.md}).
 * Results name their own type, so a client decodes them without remembering what it asked. Decoding never throws:
 * bytes that do not decode become a {@link KvResult.Failure} with {@link KvError#MALFORMED}. Stateless and
 * thread-safe.
 */
public final class ResultCodec {
    private static final int FAILURE = 0x21;
    private static final int PUT = 0x22;
    private static final int WRITTEN = 0x23;
    private static final int DELETED = 0x24;
    private static final int COMPARE_AND_SET = 0x25;
    private static final int INCREMENTED = 0x26;
    private static final int ENTRIES = 0x27;
    private static final int SCAN = 0x28;
    private static final int KEYS = 0x29;
    private static final int COUNT = 0x2a;

    private ResultCodec() {
    }

    public static byte[] encode(KvResult result) {
        WireWriter out = new WireWriter(32);
        out.u8(RequestCodec.VERSION);
        if (result instanceof KvResult.Failure failure) {
            out.u8(FAILURE).u8(failure.error().code()).text(failure.message());
        } else if (result instanceof PutResult put) {
            entry(out.u8(PUT).bool(put.written()), put.previous()).varint(put.revision());
        } else if (result instanceof KvResult.Written written) {
            out.u8(WRITTEN).varint(written.revision());
        } else if (result instanceof DeleteResult deleted) {
            out.u8(DELETED).varint(deleted.deleted()).varint(deleted.revision());
        } else if (result instanceof CasResult cas) {
            entry(out.u8(COMPARE_AND_SET).bool(cas.succeeded()), cas.current()).varint(cas.revision());
        } else if (result instanceof IncrementResult incremented) {
            out.u8(INCREMENTED).int64(incremented.value()).varint(incremented.revision());
        } else if (result instanceof KvResult.Entries entries) {
            out.u8(ENTRIES).varint(entries.entries().size());
            entries.entries().forEach(entry -> entry(out, entry));
        } else if (result instanceof ScanResult scan) {
            out.u8(SCAN).varint(scan.entries().size());
            scan.entries().forEach(entry -> entry(out, entry));
            out.bool(scan.more());
        } else if (result instanceof KeysResult keys) {
            out.u8(KEYS).varint(keys.keys().size());
            keys.keys().forEach(out::bytes);
            out.bool(keys.more());
        } else if (result instanceof KvResult.Count count) {
            out.u8(COUNT).varint(count.count());
        }
        return out.toByteArray();
    }

    public static KvResult decode(byte[] payload) {
        try {
            WireReader in = new WireReader(payload);
            int type = RequestCodec.header(in);
            KvResult result = switch (type) {
                case FAILURE -> new KvResult.Failure(KvError.ofCode(in.u8()), in.text());
                case PUT -> new PutResult(in.bool(), optionalEntry(in), in.varint());
                case WRITTEN -> new KvResult.Written(in.varint());
                case DELETED -> new DeleteResult(in.varint(), in.varint());
                case COMPARE_AND_SET -> new CasResult(in.bool(), optionalEntry(in), in.varint());
                case INCREMENTED -> new IncrementResult(in.int64(), in.varint());
                case ENTRIES -> {
                    int count = in.count(1);
                    List<Optional<KeyValue>> entries = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        entries.add(optionalEntry(in));
                    }
                    yield new KvResult.Entries(entries);
                }
                case SCAN -> {
                    int count = in.count(5);
                    List<KeyValue> entries = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        entries.add(entry(in));
                    }
                    yield new ScanResult(entries, in.bool());
                }
                case KEYS -> {
                    int count = in.count(1);
                    List<Bytes> keys = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        keys.add(in.bytes());
                    }
                    yield new KeysResult(keys, in.bool());
                }
                case COUNT -> new KvResult.Count(in.varint());
                default -> throw new WireReader.Malformed("unknown result type 0x" + Integer.toHexString(type));
            };
            in.end();
            return result;
        } catch (WireReader.Malformed e) {
            return new KvResult.Failure(KvError.MALFORMED, "a result did not decode: " + e.getMessage());
        }
    }

    private static WireWriter entry(WireWriter out, Optional<KeyValue> entry) {
        out.bool(entry.isPresent());
        entry.ifPresent(present -> entry(out, present));
        return out;
    }

    private static void entry(WireWriter out, KeyValue entry) {
        out.bytes(entry.key()).bytes(entry.value()).varint(entry.createRevision()).varint(entry.modRevision())
                .varint(entry.version());
    }

    private static Optional<KeyValue> optionalEntry(WireReader in) {
        return in.bool() ? Optional.of(entry(in)) : Optional.empty();
    }

    private static KeyValue entry(WireReader in) {
        return new KeyValue(in.bytes(), in.bytes(), in.varint(), in.varint(), in.varint());
    }
}
