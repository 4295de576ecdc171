package io.github.raftkit.examples.kv.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.ReadConsistency;
import io.github.raftkit.core.client.ClusterClient;
import io.github.raftkit.core.memory.MemoryClientTransportProvider;
import io.github.raftkit.examples.kv.command.Bytes;
import io.github.raftkit.examples.kv.command.CasResult;
import io.github.raftkit.examples.kv.command.DeleteResult;
import io.github.raftkit.examples.kv.command.IncrementResult;
import io.github.raftkit.examples.kv.command.KeyValue;
import io.github.raftkit.examples.kv.command.KeysResult;
import io.github.raftkit.examples.kv.command.KvError;
import io.github.raftkit.examples.kv.command.KvLimits;
import io.github.raftkit.examples.kv.command.PutCondition;
import io.github.raftkit.examples.kv.command.PutResult;
import io.github.raftkit.examples.kv.command.ScanResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link KvClient} against three members in this JVM; one cluster serves every test, each on keys of its own. */
class KvClientTest {
    private static KvCluster cluster;
    private static KvClient client;

    @BeforeAll
    static void start() {
        cluster = new KvCluster();
        client = KvClient.connect(cluster.clientConfig());
    }

    @AfterAll
    static void stop() {
        client.close();
        cluster.close();
    }

    private static Bytes b(String text) {
        return Bytes.utf8(text);
    }

    @Test
    void putAndGetReportRevisionsAndVersions() {
        PutResult first = client.put("put:a", "1");
        PutResult second = client.put("put:a", "2");

        assertEquals(Optional.empty(), first.previous());
        assertEquals(Optional.of(new KeyValue(b("put:a"), b("1"), first.revision(), first.revision(), 1)),
                second.previous());
        assertEquals(Optional.of(new KeyValue(b("put:a"), b("2"), first.revision(), second.revision(), 2)),
                client.get("put:a"));
    }

    @Test
    void putConditionsAreRedisNxAndXx() {
        assertEquals(false, client.put(b("nx:a"), b("1"), PutCondition.IF_PRESENT).written());
        assertEquals(true, client.put(b("nx:a"), b("1"), PutCondition.IF_ABSENT).written());
        assertEquals(false, client.put(b("nx:a"), b("2"), PutCondition.IF_ABSENT).written());
        assertEquals(true, client.put(b("nx:a"), b("3"), PutCondition.IF_PRESENT).written());
        assertEquals("3", client.get("nx:a").orElseThrow().value().utf8());
    }

    @Test
    void putAllAndGetAllWorkOnSeveralKeysAtOnce() {
        Map<Bytes, Bytes> pairs = new LinkedHashMap<>();
        pairs.put(b("m:a"), b("1"));
        pairs.put(b("m:b"), b("2"));

        long revision = client.putAll(pairs);

        List<Optional<KeyValue>> read = client.getAll(List.of(b("m:b"), b("m:missing"), b("m:a")));
        assertEquals(Optional.of(new KeyValue(b("m:b"), b("2"), revision, revision, 1)), read.get(0));
        assertEquals(Optional.empty(), read.get(1));
        assertEquals("1", read.get(2).orElseThrow().value().utf8());
        assertEquals(2, client.exists("m:a", "m:b", "m:missing"));
    }

    @Test
    void deleteCountsTheKeysThatExisted() {
        client.put("del:a", "1");

        DeleteResult result = client.delete("del:a", "del:missing");

        assertEquals(1, result.deleted());
        assertEquals(Optional.empty(), client.get("del:a"));
    }

    @Test
    void compareAndSetSucceedsOnlyOnTheExpectedRevision() {
        CasResult created = client.compareAndSet("cas:a", 0, "1");
        long revision = created.current().orElseThrow().modRevision();

        CasResult stale = client.compareAndSet("cas:a", revision - 1, "lost");
        CasResult current = client.compareAndSet("cas:a", revision, "2");

        assertTrue(created.succeeded());
        assertEquals(false, stale.succeeded());
        assertEquals(created.current(), stale.current());
        assertTrue(current.succeeded());
        assertEquals("2", client.get("cas:a").orElseThrow().value().utf8());
    }

    @Test
    void incrementCountsAndRefusesWhatIsNotAnInteger() {
        assertEquals(5, client.increment("incr:n", 5).value());
        assertEquals(3, client.increment("incr:n", -2).value());
        client.put("incr:text", "abc");
        client.put("incr:max", Long.toString(Long.MAX_VALUE));

        KvException notInteger = assertThrows(KvException.class, () -> client.increment("incr:text", 1));
        KvException overflow = assertThrows(KvException.class, () -> client.increment("incr:max", 1));

        assertEquals(KvError.NOT_AN_INTEGER, notInteger.error());
        assertEquals(KvError.OVERFLOW, overflow.error());
    }

    @Test
    void scanPagesThroughAPrefixInOrder() {
        for (String key : List.of("scan:c", "scan:a", "scan:b", "scanx")) {
            client.put(key, "v");
        }

        ScanResult first = client.scan("scan:", 2);
        ScanResult rest = client.scan(b("scan:"), Optional.of(first.entries().get(1).key()), 2);

        assertEquals(List.of(b("scan:a"), b("scan:b")), first.entries().stream().map(KeyValue::key).toList());
        assertTrue(first.more());
        assertEquals(List.of(b("scan:c")), rest.entries().stream().map(KeyValue::key).toList());
        assertEquals(false, rest.more());
    }

    @Test
    void keysMatchesAGlobAndCountSeesEveryKey() {
        client.put("glob:user:1", "v");
        client.put("glob:user:22", "v");
        client.put("glob:admin", "v");

        assertEquals(new KeysResult(List.of(b("glob:user:1")), false), client.keys("glob:user:?", 10));
        assertTrue(client.count() >= 3);
    }

    @Test // a lease read is served by the leader; a stale one by any member, which may not have the write yet
    void readsUseTheConsistencyAskedFor() {
        client.put("read:a", "1");

        assertEquals(1, client.reading(ReadConsistency.LEASE).exists("read:a"));
        assertTrue(client.reading(ReadConsistency.STALE).exists("read:a") <= 1);
    }

    @Test // the limit is checked before sending: nothing reaches the cluster
    void aValueOverTheLimitFailsAtTheClientWithItsCode() {
        KvClient small = new KvClient(new ClusterClient(cluster.clientConfig(),
                new MemoryClientTransportProvider().create(Map.of()), new SimpleMeterRegistry()),
                new KvLimits(8, 32));
        try (small) {
            KvException sync = assertThrows(KvException.class, () -> small.put("limit:a", "x".repeat(33)));
            CompletionException async = assertThrows(CompletionException.class,
                    () -> small.putAsync(b("key-too-long"), b("v"), PutCondition.ALWAYS).join());

            assertEquals(KvError.VALUE_TOO_LARGE, sync.error());
            assertEquals(KvError.KEY_TOO_LARGE, ((KvException) async.getCause()).error());
            assertEquals(Optional.empty(), client.get("limit:a"));
        }
    }

    @Test // dissertation §6.3: the client resends writes whose replies were lost, and each applies once
    void writesRetriedAfterLostRepliesAndALostLeaderApplyOnce() {
        try (KvCluster own = new KvCluster()) {
            LosingReplies transport = new LosingReplies(new MemoryClientTransportProvider().create(Map.of()));
            try (KvClient losing = new KvClient(new ClusterClient(own.clientConfig(), transport,
                    new SimpleMeterRegistry()))) {
                List<CompletableFuture<IncrementResult>> increments = new ArrayList<>();
                for (int i = 0; i < 60; i++) {
                    increments.add(losing.incrementAsync(b("counter"), 1));
                    if (i == 30) {
                        own.stopLeader();
                    }
                }
                CompletableFuture.allOf(increments.toArray(CompletableFuture[]::new)).join();

                KeyValue counter = losing.get("counter").orElseThrow();
                assertEquals("60", counter.value().utf8());
                assertEquals(60, counter.version());
                assertTrue(transport.dropped() >= 20, "replies dropped: " + transport.dropped());
            }
        }
    }
}
