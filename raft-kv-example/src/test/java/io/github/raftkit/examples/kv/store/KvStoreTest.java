package io.github.raftkit.examples.kv.store;

import static io.github.raftkit.examples.kv.store.StoreDriver.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.raftkit.api.statemachine.Command;
import io.github.raftkit.examples.kv.command.Bytes;
import io.github.raftkit.examples.kv.command.CasResult;
import io.github.raftkit.examples.kv.command.DeleteResult;
import io.github.raftkit.examples.kv.command.IncrementResult;
import io.github.raftkit.examples.kv.command.KeysResult;
import io.github.raftkit.examples.kv.command.KvCommand;
import io.github.raftkit.examples.kv.command.KvError;
import io.github.raftkit.examples.kv.command.KvLimits;
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
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KvStoreTest {
    private final StoreDriver driver = new StoreDriver();

    private static Bytes b(String text) {
        return Bytes.utf8(text);
    }

    private static Bytes hex(String hex) {
        return Bytes.of(HexFormat.of().parseHex(hex));
    }

    private KvError errorOf(KvResult result) {
        return ((KvResult.Failure) result).error();
    }

    @Test // etcd: create and mod revision are the index of the write, version counts writes since creation
    void aKeyRecordsTheRevisionThatCreatedItAndTheLatestOneThatWroteIt() {
        assertEquals(new PutResult(true, Optional.empty(), 1), driver.put("a", "1"));
        driver.put("other", "x");
        assertEquals(new PutResult(true, Optional.of(entry("a", "1", 1, 1, 1)), 3), driver.put("a", "2"));

        assertEquals(Optional.of(entry("a", "2", 1, 3, 2)), driver.get("a"));
    }

    @Test
    void aKeyDeletedAndWrittenAgainStartsANewHistory() {
        driver.put("a", "1");
        driver.put("a", "2");
        assertEquals(new DeleteResult(1, 3), driver.apply(new KvCommand.Delete(List.of(b("a")))));
        driver.put("a", "3");

        assertEquals(Optional.of(entry("a", "3", 4, 4, 1)), driver.get("a"));
    }

    @Test // Redis SET NX
    void putIfAbsentWritesOnlyAKeyThatDoesNotExist() {
        assertEquals(new PutResult(true, Optional.empty(), 1),
                driver.apply(new KvCommand.Put(b("a"), b("first"), PutCondition.IF_ABSENT)));
        assertEquals(new PutResult(false, Optional.of(entry("a", "first", 1, 1, 1)), 2),
                driver.apply(new KvCommand.Put(b("a"), b("second"), PutCondition.IF_ABSENT)));
        assertEquals(Optional.of(entry("a", "first", 1, 1, 1)), driver.get("a"));
    }

    @Test // Redis SET XX
    void putIfPresentWritesOnlyAKeyThatExists() {
        assertEquals(new PutResult(false, Optional.empty(), 1),
                driver.apply(new KvCommand.Put(b("a"), b("x"), PutCondition.IF_PRESENT)));
        assertEquals(Optional.empty(), driver.get("a"));
        driver.put("a", "1");
        assertEquals(true, ((PutResult) driver.apply(new KvCommand.Put(b("a"), b("2"), PutCondition.IF_PRESENT)))
                .written());
        assertEquals(Optional.of(entry("a", "2", 2, 3, 2)), driver.get("a"));
    }

    @Test // Redis MSET; a key named twice takes its last value and counts one write
    void putAllWritesEveryPairAtOneRevision() {
        driver.put("a", "old");
        KvResult result = driver.apply(new KvCommand.PutAll(List.of(
                new KvCommand.KeyValuePair(b("a"), b("1")),
                new KvCommand.KeyValuePair(b("b"), b("2")),
                new KvCommand.KeyValuePair(b("a"), b("3")))));

        assertEquals(new KvResult.Written(2), result);
        assertEquals(Optional.of(entry("a", "3", 1, 2, 2)), driver.get("a"));
        assertEquals(Optional.of(entry("b", "2", 2, 2, 1)), driver.get("b"));
    }

    @Test // Redis DEL counts the keys that existed
    void deleteCountsOnlyTheKeysThatExisted() {
        driver.put("a", "1");
        driver.put("b", "2");

        assertEquals(new DeleteResult(2, 3), driver.apply(new KvCommand.Delete(List.of(b("a"), b("missing"), b("b"),
                b("a")))));
        assertEquals(new KvResult.Count(0), driver.query(new KvQuery.Count()));
    }

    @Test
    void compareAndSetWritesWhenTheModRevisionMatches() {
        driver.put("a", "1");

        assertEquals(new CasResult(true, Optional.of(entry("a", "2", 1, 2, 2)), 2),
                driver.apply(new KvCommand.CompareAndSet(b("a"), 1, b("2"))));
    }

    @Test
    void compareAndSetWithAStaleRevisionChangesNothingAndReportsTheCurrentEntry() {
        driver.put("a", "1");
        driver.put("a", "2");

        assertEquals(new CasResult(false, Optional.of(entry("a", "2", 1, 2, 2)), 3),
                driver.apply(new KvCommand.CompareAndSet(b("a"), 1, b("lost"))));
        assertEquals(Optional.of(entry("a", "2", 1, 2, 2)), driver.get("a"));
    }

    @Test // etcd: mod_revision 0 compares equal only for a key that does not exist
    void compareAndSetWithRevisionZeroCreatesOnlyAnAbsentKey() {
        assertEquals(true, ((CasResult) driver.apply(new KvCommand.CompareAndSet(b("a"), 0, b("1")))).succeeded());
        assertEquals(new CasResult(false, Optional.of(entry("a", "1", 1, 1, 1)), 2),
                driver.apply(new KvCommand.CompareAndSet(b("a"), 0, b("2"))));
        assertEquals(new CasResult(false, Optional.empty(), 3),
                driver.apply(new KvCommand.CompareAndSet(b("missing"), 5, b("x"))));
    }

    @Test // Redis INCR: a missing key counts as 0
    void incrementStartsAMissingKeyAtZero() {
        assertEquals(new IncrementResult(5, 1), driver.apply(new KvCommand.Increment(b("n"), 5)));
        assertEquals(new IncrementResult(-2, 2), driver.apply(new KvCommand.Increment(b("n"), -7)));
        assertEquals(Optional.of(entry("n", "-2", 1, 2, 2)), driver.get("n"));
    }

    @ParameterizedTest // Redis reads only canonical decimal integers
    @ValueSource(strings = {"", "abc", "1.5", "01", "+1", " 1", "1 ", "-", "-0", "--1", "9223372036854775808",
        "-9223372036854775809", "123456789012345678901"})
    void incrementRefusesAValueThatIsNotAnInteger(String value) {
        driver.put("n", value);

        assertEquals(KvError.NOT_AN_INTEGER, errorOf(driver.apply(new KvCommand.Increment(b("n"), 1))));
        assertEquals(Optional.of(entry("n", value, 1, 1, 1)), driver.get("n"));
    }

    @Test
    void incrementReadsTheExtremesOfTheRange() {
        driver.put("max", "9223372036854775807");
        driver.put("min", "-9223372036854775808");

        assertEquals(9223372036854775806L, ((IncrementResult) driver.apply(new KvCommand.Increment(b("max"), -1)))
                .value());
        assertEquals(-9223372036854775807L, ((IncrementResult) driver.apply(new KvCommand.Increment(b("min"), 1)))
                .value());
    }

    @Test
    void incrementThatOverflowsIsAnErrorAndLeavesTheValue() {
        driver.put("n", "9223372036854775800");

        driver.put("min", "-9223372036854775808");

        assertEquals(KvError.OVERFLOW, errorOf(driver.apply(new KvCommand.Increment(b("n"), 8))));
        assertEquals(KvError.OVERFLOW, errorOf(driver.apply(new KvCommand.Increment(b("min"), -1))));
        assertEquals(Optional.of(entry("n", "9223372036854775800", 1, 1, 1)), driver.get("n"));
        assertEquals(Optional.of(entry("min", "-9223372036854775808", 2, 2, 1)), driver.get("min"));
    }

    @Test // keys are compared as unsigned bytes, so 0xff sorts after 'z'
    void scanReturnsTheKeysWithAPrefixInUnsignedByteOrderUpToTheLimit() {
        for (Bytes key : List.of(hex("70ff"), b("pz"), b("pa"), hex("7000"), b("p"), b("q"), b("o"))) {
            driver.apply(new KvCommand.Put(key, b("v"), PutCondition.ALWAYS));
        }

        ScanResult first = (ScanResult) driver.query(new KvQuery.Scan(b("p"), Optional.empty(), 3));
        assertEquals(List.of(b("p"), hex("7000"), b("pa")), first.entries().stream().map(e -> e.key()).toList());
        assertEquals(true, first.more());

        ScanResult rest = (ScanResult) driver.query(new KvQuery.Scan(b("p"), Optional.of(b("pa")), 3));
        assertEquals(List.of(b("pz"), hex("70ff")), rest.entries().stream().map(e -> e.key()).toList());
        assertEquals(false, rest.more());
    }

    @Test
    void scanStartsAtThePrefixWhenAfterIsBeforeIt() {
        driver.put("a", "1");
        driver.put("b", "2");

        ScanResult page = (ScanResult) driver.query(new KvQuery.Scan(b("b"), Optional.of(b("a")), 10));
        assertEquals(List.of(entry("b", "2", 2, 2, 1)), page.entries());
    }

    @Test // Redis KEYS
    void keysReturnsTheKeysMatchingAGlobInOrderUpToTheLimit() {
        for (String key : List.of("user:1", "user:2", "user:10", "users", "admin:1", "u*er")) {
            driver.put(key, "v");
        }

        assertEquals(new KeysResult(List.of(b("user:1"), b("user:10"), b("user:2")), false),
                driver.query(new KvQuery.Keys(b("user:*"), Optional.empty(), 10)));
        assertEquals(new KeysResult(List.of(b("admin:1"), b("u*er")), true),
                driver.query(new KvQuery.Keys(b("*"), Optional.empty(), 2)));
        assertEquals(new KeysResult(List.of(b("u*er")), false),
                driver.query(new KvQuery.Keys(b("u\\*er"), Optional.empty(), 10)));
        assertEquals(new KeysResult(List.of(b("user:10"), b("user:2")), false),
                driver.query(new KvQuery.Keys(b("user:?*"), Optional.of(b("user:1")), 10)));
    }

    @Test // Redis DBSIZE and EXISTS, which counts a key named twice twice
    void countAndExistsCountKeys() {
        driver.put("a", "1");
        driver.put("b", "2");

        assertEquals(new KvResult.Count(2), driver.query(new KvQuery.Count()));
        assertEquals(new KvResult.Count(3), driver.query(new KvQuery.Exists(List.of(b("a"), b("a"), b("b"),
                b("c")))));
    }

    @Test
    void keysAndValuesOverTheLimitsAreRefusedAndChangeNothing() {
        StoreDriver small = new StoreDriver(new KvStore(new KvLimits(4, 20)));
        Bytes longValue = b("x".repeat(21));

        assertEquals(KvError.KEY_TOO_LARGE, errorOf(small.put("12345", "v")));
        assertEquals(KvError.VALUE_TOO_LARGE, errorOf(small.apply(new KvCommand.Put(b("k"), longValue,
                PutCondition.ALWAYS))));
        assertEquals(KvError.VALUE_TOO_LARGE, errorOf(small.apply(new KvCommand.PutAll(List.of(
                new KvCommand.KeyValuePair(b("ok"), b("v")), new KvCommand.KeyValuePair(b("k"), longValue))))));
        assertEquals(KvError.VALUE_TOO_LARGE, errorOf(small.apply(new KvCommand.CompareAndSet(b("k"), 0,
                longValue))));
        assertEquals(KvError.KEY_TOO_LARGE, errorOf(small.apply(new KvCommand.Increment(b("12345"), 1))));

        assertEquals(new KvResult.Count(0), small.query(new KvQuery.Count()));
        assertEquals(new PutResult(true, Optional.empty(), 6), small.put("1234", "x".repeat(20)));
    }

    @Test
    void emptyKeyListsAndLimitsBelowOneAreInvalidArguments() {
        assertEquals(KvError.INVALID_ARGUMENT, errorOf(driver.apply(new KvCommand.Delete(List.of()))));
        assertEquals(KvError.INVALID_ARGUMENT, errorOf(driver.apply(new KvCommand.PutAll(List.of()))));
        assertEquals(KvError.INVALID_ARGUMENT, errorOf(driver.query(new KvQuery.Get(List.of()))));
        assertEquals(KvError.INVALID_ARGUMENT, errorOf(driver.query(new KvQuery.Scan(b(""), Optional.empty(), 0))));
        assertEquals(KvError.INVALID_ARGUMENT, errorOf(driver.query(new KvQuery.Keys(b("*"), Optional.empty(), 0))));
    }

    @ParameterizedTest // an exception from apply would stop the member; garbage is an error result instead
    @ValueSource(strings = {"", "01", "02", "0101", "0103", "010103", "01ff", "0201016b0176", "01010001",
        "01010001610162ff", "0102ffffffff07", "0103ffffffffffffffffff01", "0105016b0000"})
    void malformedCommandsAreAppliedAsErrorsAndChangeNothing(String payload) {
        assertEquals(KvError.MALFORMED, errorOf(driver.applyRaw(HexFormat.of().parseHex(payload))));
        assertEquals(new KvResult.Count(0), driver.query(new KvQuery.Count()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "01", "0101", "0111", "011101", "011102016b", "0114ff", "011200000000", "0113"})
    void malformedQueriesAnswerWithAnError(String payload) {
        assertEquals(KvError.MALFORMED,
                errorOf(ResultCodec.decode(driver.store.query(HexFormat.of().parseHex(payload)))));
    }

    @Test // replicas batch commands differently; results and state must not depend on it
    void theSameCommandsInDifferentBatchesGiveTheSameResultsAndState() throws IOException {
        List<Command> commands = new ArrayList<>();
        List<KvCommand> script = List.of(
                new KvCommand.Put(b("a"), b("1"), PutCondition.ALWAYS),
                new KvCommand.Increment(b("n"), 3),
                new KvCommand.Put(b("a"), b("2"), PutCondition.IF_ABSENT),
                new KvCommand.CompareAndSet(b("a"), 1, b("3")),
                new KvCommand.Delete(List.of(b("n"))),
                new KvCommand.Increment(b("a"), 1),
                new KvCommand.PutAll(List.of(new KvCommand.KeyValuePair(b("b"), b("x")))));
        for (int i = 0; i < script.size(); i++) {
            commands.add(new Command(i + 1, 1, RequestCodec.encode(script.get(i))));
        }
        KvStore whole = new KvStore();
        KvStore oneByOne = new KvStore();

        List<byte[]> together = whole.apply(commands);
        List<byte[]> apart = new ArrayList<>();
        for (Command command : commands) {
            apart.addAll(oneByOne.apply(List.of(command)));
        }

        for (int i = 0; i < commands.size(); i++) {
            assertEquals(HexFormat.of().formatHex(together.get(i)), HexFormat.of().formatHex(apart.get(i)));
        }
        assertEquals(HexFormat.of().formatHex(snapshotOf(whole)), HexFormat.of().formatHex(snapshotOf(oneByOne)));
    }

    @Test
    void aSnapshotRestoresEveryEntryWithItsRevisionsAsOfTheView() throws IOException {
        driver.put("a", "1");
        driver.put("a", "2");
        driver.put("b", "3");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var view = driver.store.snapshot();
        driver.put("a", "changed after the view");
        driver.apply(new KvCommand.Delete(List.of(b("b"))));
        view.writeTo(out);

        StoreDriver restored = new StoreDriver();
        restored.store.restore(new ByteArrayInputStream(out.toByteArray()));

        assertEquals(Optional.of(entry("a", "2", 1, 2, 2)), restored.get("a"));
        assertEquals(Optional.of(entry("b", "3", 3, 3, 1)), restored.get("b"));
        assertEquals(new KvResult.Count(2), restored.query(new KvQuery.Count()));
    }

    @Test // a damaged snapshot must not load as a smaller store
    void aTruncatedSnapshotFailsToRestore() throws IOException {
        driver.put("a", "1");
        driver.put("b", "2");
        byte[] snapshot = snapshotOf(driver.store);
        byte[] truncated = Arrays.copyOf(snapshot, snapshot.length - 3);

        assertThrows(IOException.class, () -> new KvStore().restore(new ByteArrayInputStream(truncated)));
    }

    private static byte[] snapshotOf(KvStore store) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.snapshot().writeTo(out);
        return out.toByteArray();
    }
}
