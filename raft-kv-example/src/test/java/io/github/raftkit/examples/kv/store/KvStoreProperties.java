package io.github.raftkit.examples.kv.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.raftkit.examples.kv.command.Bytes;
import io.github.raftkit.examples.kv.command.CasResult;
import io.github.raftkit.examples.kv.command.DeleteResult;
import io.github.raftkit.examples.kv.command.IncrementResult;
import io.github.raftkit.examples.kv.command.KeyValue;
import io.github.raftkit.examples.kv.command.KvCommand;
import io.github.raftkit.examples.kv.command.KvError;
import io.github.raftkit.examples.kv.command.KvQuery;
import io.github.raftkit.examples.kv.command.KvResult;
import io.github.raftkit.examples.kv.command.PutCondition;
import io.github.raftkit.examples.kv.command.PutResult;
import io.github.raftkit.examples.kv.command.RequestCodec;
import io.github.raftkit.examples.kv.command.ResultCodec;
import io.github.raftkit.examples.kv.command.ScanResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** The store against the plainest model of it: a sorted map rewritten on every command. */
class KvStoreProperties {

    /** The behaviour of every command, written as directly as possible over a TreeMap. */
    private static final class Model {
        final TreeMap<Bytes, KeyValue> entries = new TreeMap<>();

        KvResult apply(long revision, KvCommand command) {
            if (command instanceof KvCommand.Put put) {
                Optional<KeyValue> previous = Optional.ofNullable(entries.get(put.key()));
                boolean write = switch (put.condition()) {
                    case ALWAYS -> true;
                    case IF_ABSENT -> previous.isEmpty();
                    case IF_PRESENT -> previous.isPresent();
                };
                if (write) {
                    write(revision, put.key(), put.value());
                }
                return new PutResult(write, previous, revision);
            }
            if (command instanceof KvCommand.Delete delete) {
                return new DeleteResult(delete.keys().stream().filter(key -> entries.remove(key) != null).count(),
                        revision);
            }
            if (command instanceof KvCommand.CompareAndSet cas) {
                KeyValue current = entries.get(cas.key());
                long actual = current == null ? 0 : current.modRevision();
                if (actual != cas.expectedModRevision()) {
                    return new CasResult(false, Optional.ofNullable(current), revision);
                }
                write(revision, cas.key(), cas.value());
                return new CasResult(true, Optional.of(entries.get(cas.key())), revision);
            }
            KvCommand.Increment increment = (KvCommand.Increment) command;
            KeyValue current = entries.get(increment.key());
            long before;
            try {
                before = current == null ? 0 : Long.parseLong(current.value().utf8());
            } catch (NumberFormatException e) {
                return new KvResult.Failure(KvError.NOT_AN_INTEGER, "");
            }
            long after = before + increment.delta();
            write(revision, increment.key(), Bytes.utf8(Long.toString(after)));
            return new IncrementResult(after, revision);
        }

        void write(long revision, Bytes key, Bytes value) {
            KeyValue old = entries.get(key);
            entries.put(key, old == null ? new KeyValue(key, value, revision, revision, 1)
                    : new KeyValue(key, value, old.createRevision(), revision, old.version() + 1));
        }
    }

    @Property(tries = 300)
    void theStoreBehavesLikeASortedMap(@ForAll("scripts") List<KvCommand> commands)
            throws IOException {
        StoreDriver driver = new StoreDriver();
        Model model = new Model();

        for (KvCommand command : commands) {
            KvResult expected = model.apply(driver.nextIndex(), command);
            KvResult actual = driver.apply(command);
            if (expected instanceof KvResult.Failure failure) {
                assertEquals(failure.error(), ((KvResult.Failure) actual).error(), command.toString());
            } else {
                assertEquals(expected, actual, command.toString());
            }
        }

        List<KeyValue> all = new ArrayList<>(model.entries.values());
        assertEquals(new ScanResult(all, false), driver.query(new KvQuery.Scan(Bytes.EMPTY, Optional.empty(),
                Integer.MAX_VALUE)));
        StoreDriver restored = new StoreDriver();
        ByteArrayOutputStream snapshot = new ByteArrayOutputStream();
        driver.store.snapshot().writeTo(snapshot);
        restored.store.restore(new ByteArrayInputStream(snapshot.toByteArray()));
        assertEquals(new ScanResult(all, false), restored.query(new KvQuery.Scan(Bytes.EMPTY, Optional.empty(),
                Integer.MAX_VALUE)));
    }

    @Property(tries = 200) // a member must survive any bytes in a log entry or a query
    void anyBytesDecodeToARequestOrAnErrorNeverAnException(@ForAll @Size(max = 40) byte[] payload) {
        StoreDriver driver = new StoreDriver();

        driver.applyRaw(payload);
        ResultCodec.decode(driver.store.query(payload));
        ResultCodec.decode(payload);
    }

    @Property(tries = 200)
    void everyCommandSurvivesItsEncoding(@ForAll("commands") KvCommand command) {
        assertEquals(command, RequestCodec.decodeCommand(RequestCodec.encode(command)));
    }

    @Provide
    Arbitrary<List<KvCommand>> scripts() {
        return commands().list().ofMaxSize(60);
    }

    @Provide
    Arbitrary<KvCommand> commands() {
        Arbitrary<Bytes> keys = Arbitraries.of("a", "b", "ab", "b\u00ff", "").map(Bytes::utf8);
        Arbitrary<Bytes> values = Arbitraries.oneOf(Arbitraries.longs().between(-5, 5).map(Object::toString),
                Arbitraries.of("x", "")).map(Bytes::utf8);
        Arbitrary<KvCommand> put = Combinators.combine(keys, values, Arbitraries.of(PutCondition.class))
                .as(KvCommand.Put::new);
        Arbitrary<KvCommand> delete = keys.list().ofMinSize(1).ofMaxSize(3).map(KvCommand.Delete::new);
        Arbitrary<KvCommand> cas = Combinators.combine(keys, Arbitraries.longs().between(0, 8), values)
                .as(KvCommand.CompareAndSet::new);
        Arbitrary<KvCommand> increment = Combinators.combine(keys, Arbitraries.longs().between(-3, 3))
                .as(KvCommand.Increment::new);
        return Arbitraries.oneOf(put, delete, cas, increment);
    }
}
