package io.github.raftkit.examples.kv.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link RespServer} in front of three members in this JVM, driven over a socket by {@link RespTestClient}. One
 * cluster and one connection serve every test, each on keys of its own; tests that end a connection open their own.
 */
class RespServerTest {
    private static final int MAX_KEYS = 400;
    private static final int MAX_REQUEST_BYTES = 64 * 1024;
    /** Small, so that a burst of a thousand commands runs into it and has to wait for replies to drain. */
    private static final int MAX_IN_FLIGHT = 64;
    private static final String NOT_AN_INTEGER = "ERR value is not an integer or out of range";

    private static RespFixture fixture;
    private static RespTestClient redis;

    @BeforeAll
    static void start() {
        fixture = new RespFixture(RespSettings.DEFAULT.withMaxKeys(MAX_KEYS).withMaxRequestBytes(MAX_REQUEST_BYTES)
                .withMaxInFlight(MAX_IN_FLIGHT));
        redis = fixture.connect();
    }

    @AfterAll
    static void stop() {
        redis.close();
        fixture.close();
    }

    private static RespTestClient.Error error(String text) {
        return new RespTestClient.Error(text);
    }

    @Test
    void setStoresAValueThatGetReturns() {
        assertEquals("OK", redis.call("SET", "get:a", "1"));
        assertEquals("1", redis.call("GET", "get:a"));
        assertNull(redis.call("GET", "get:absent"));
    }

    @Test
    void setNxWritesOnlyAnAbsentKeyAndXxOnlyAPresentOne() {
        assertNull(redis.call("SET", "nx:a", "1", "XX"));
        assertEquals("OK", redis.call("SET", "nx:a", "1", "NX"));
        assertNull(redis.call("SET", "nx:a", "2", "nx"));
        assertEquals("OK", redis.call("SET", "nx:a", "3", "xx"));
        assertEquals("3", redis.call("GET", "nx:a"));
        assertEquals(error("ERR syntax error"), redis.call("SET", "nx:a", "4", "NX", "XX"));
    }

    @Test
    void setRefusesOptionsItCannotHonourAndWritesNothing() {
        assertEquals(error("ERR SET option 'EX' is not supported: keys never expire in this store"),
                redis.call("SET", "ex:a", "1", "EX", "10"));
        assertEquals(error("ERR syntax error"), redis.call("SET", "ex:a", "1", "SOON"));
        assertNull(redis.call("GET", "ex:a"));
    }

    @Test
    void delAndExistsCountTheKeysThatExist() {
        assertEquals("OK", redis.call("MSET", "del:a", "1", "del:b", "2"));
        assertEquals(3L, redis.call("EXISTS", "del:a", "del:a", "del:b", "del:c"));
        assertEquals(1L, redis.call("DEL", "del:a", "del:c"));
        assertEquals(0L, redis.call("EXISTS", "del:a"));
    }

    @Test
    void incrAndIncrByAddToADecimalInteger() {
        assertEquals(1L, redis.call("INCR", "incr:a"));
        assertEquals(42L, redis.call("INCRBY", "incr:a", "41"));
        assertEquals(-8L, redis.call("INCRBY", "incr:a", "-50"));
        assertEquals("-8", redis.call("GET", "incr:a"));
    }

    @Test
    void incrOfSomethingThatIsNotAnIntegerIsRefused() {
        assertEquals("OK", redis.call("SET", "incr:text", "hello"));
        assertEquals(error(NOT_AN_INTEGER), redis.call("INCR", "incr:text"));
        assertEquals(error(NOT_AN_INTEGER), redis.call("INCRBY", "incr:n", "ten"));
        assertEquals(error(NOT_AN_INTEGER), redis.call("INCRBY", "incr:n", "99999999999999999999"));
        assertEquals("hello", redis.call("GET", "incr:text"));
        assertNull(redis.call("GET", "incr:n"));
    }

    @Test
    void incrPastTheLongRangeSaysItWouldOverflow() {
        assertEquals("OK", redis.call("SET", "incr:max", Long.toString(Long.MAX_VALUE)));
        assertEquals(error("ERR increment or decrement would overflow"), redis.call("INCR", "incr:max"));
    }

    @Test
    void mgetAnswersEveryKeyInOrderWithNilForAbsentOnes() {
        assertEquals("OK", redis.call("MSET", "mget:a", "1", "mget:b", "2"));
        assertEquals(Arrays.asList("2", null, "1"), redis.call("MGET", "mget:b", "mget:absent", "mget:a"));
    }

    @Test
    void dbsizeCountsTheKeys() {
        long before = (Long) redis.call("DBSIZE");
        assertEquals("OK", redis.call("MSET", "dbsize:a", "1", "dbsize:b", "2"));
        assertEquals(before + 2, redis.call("DBSIZE"));
    }

    @Test
    void keysPagesThroughEveryMatchInKeyOrder() {
        List<String> keys = IntStream.range(0, KeyValueCommands.KEYS_PAGE + 44)
                .mapToObj(i -> String.format("keys:%03d", i)).toList();
        assertEquals("OK", redis.call(pairs("MSET", keys)));

        assertEquals(keys, redis.call("KEYS", "keys:*"));
        assertEquals(keys.subList(100, 200), redis.call("KEYS", "keys:1??"));
        assertEquals(List.of(), redis.call("KEYS", "keys:x*"));
    }

    @Test
    void keysMatchingMoreThanTheLimitIsAnError() {
        List<String> keys = IntStream.rangeClosed(0, MAX_KEYS).mapToObj(i -> "many:" + i).toList();
        assertEquals("OK", redis.call(pairs("MSET", keys)));

        assertEquals(error("ERR KEYS matched more than " + MAX_KEYS
                + " keys, the limit of this server; use a narrower pattern"), redis.call("KEYS", "many:*"));
    }

    @Test
    void pingEchoAndConfigGetAreAnsweredWithoutTheStore() {
        assertEquals("PONG", redis.call("PING"));
        assertEquals("hello there", redis.call("PING", "hello there"));
        assertEquals("a b", redis.call("ECHO", "a b"));
        assertEquals(List.of("save", ""), redis.call("CONFIG", "GET", "save"));
        assertEquals(List.of("appendonly", "no"), redis.call("config", "get", "appendonly"));
        assertEquals(List.of(), redis.call("CONFIG", "GET", "maxmemory"));
        assertInstanceOf(RespTestClient.Error.class, redis.call("CONFIG", "SET", "save", ""));
    }

    @Test
    void infoShowsTheServerAndThisMembersRaftState() {
        String all = (String) redis.call("INFO");
        assertTrue(all.startsWith("# Server\r\n"), all);
        assertTrue(all.contains("\r\ntcp_port:" + fixture.server.port() + "\r\n"), all);
        assertTrue(all.contains("\r\n\r\n# Raft\r\n"), all);
        for (String field : List.of("node:n1", "role:", "term:", "leader:n", "commit_index:", "applied_index:",
                "members:n1=")) {
            assertTrue(all.contains("\r\n" + field), field + " in " + all);
        }

        String raft = (String) redis.call("INFO", "RAFT");
        assertTrue(raft.startsWith("# Raft\r\nnode:n1\r\n"), raft);
        assertTrue(!raft.contains("# Server"), raft);
    }

    @Test
    void anUnknownCommandIsNamedInItsError() {
        assertEquals(error("ERR unknown command 'FLUSHALL'"), redis.call("FLUSHALL"));
        assertEquals("PONG", redis.call("PING"));
    }

    @Test
    void wrongArityNamesTheCommand() {
        assertEquals(error("ERR wrong number of arguments for 'get' command"), redis.call("GET"));
        assertEquals(error("ERR wrong number of arguments for 'get' command"), redis.call("get", "a", "b"));
        assertEquals(error("ERR wrong number of arguments for 'ping' command"), redis.call("PING", "a", "b"));
        assertEquals(error("ERR wrong number of arguments for 'mset' command"), redis.call("MSET", "a", "1", "b"));
    }

    @Test
    void aValueBeyondTheStoresLimitIsRefusedNamingTheLimit() {
        String value = "x".repeat(RespFixture.MAX_VALUE_BYTES + 1);
        assertEquals(error("ERR a value is " + value.length() + " bytes, more than the limit of "
                + RespFixture.MAX_VALUE_BYTES), redis.call("SET", "big:a", value));
        assertNull(redis.call("GET", "big:a"));
    }

    @Test
    void aCommandBeyondTheRequestLimitGetsAProtocolErrorAndTheConnectionCloses() {
        // Only the header of a 100 MB value: the server must refuse it without waiting for (or buffering) it.
        assertEquals(error("ERR Protocol error: a command of more than " + MAX_REQUEST_BYTES
                        + " bytes, the limit of this server"),
                lastReplyBeforeClosing(ascii("*3\r\n$3\r\nSET\r\n$5\r\nhuge1\r\n$100000000\r\n")));
        assertServing();
    }

    @Test
    void garbageGetsAProtocolErrorAndTheConnectionCloses() {
        assertProtocolError(lastReplyBeforeClosing(ascii("*abc\r\n")));
        assertEquals(error("ERR Protocol error: expected an array of bulk strings or an inline command, got "
                + "BulkString"), lastReplyBeforeClosing(ascii("$3\r\nabc\r\n")));
        assertServing();
    }

    @Test
    void anEndlessLineOfGarbageIsCutOffAtTheInlineLimit() {
        // High bytes: no CR, no LF and no RESP type, so the decoder takes them for one endless inline command.
        byte[] garbage = new byte[200 * 1024];
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = (byte) (0x80 | (i * 31 % 128));
        }
        assertProtocolError(lastReplyBeforeClosing(garbage));
        assertServing();
    }

    @Test
    void inlineCommandsWorkForAPersonAtATerminal() {
        try (RespTestClient client = fixture.connect()) {
            client.sendRaw(ascii("PING\r\nSET inline:a  hello\r\nGET inline:a\r\n"));
            client.flush();
            assertEquals("PONG", client.read());
            assertEquals("OK", client.read());
            assertEquals("hello", client.read());
        }
    }

    @Test
    void quitAnswersOkAfterTheRepliesBeforeItThenCloses() {
        try (RespTestClient client = fixture.connect()) {
            client.send("SET", "quit:a", "1");
            client.send("QUIT");
            client.send("SET", "quit:a", "2");
            client.flush();
            assertEquals("OK", client.read());
            assertEquals("OK", client.read());
            assertTrue(client.closedByServer());
        }
        assertEquals("1", redis.call("GET", "quit:a"));
    }

    @Test
    void aPipelinedBurstIsAnsweredInRequestOrder() {
        int keys = 500;
        for (int i = 0; i < keys; i++) {
            redis.send("SET", "burst:" + i, "v" + i);
        }
        for (int i = 0; i < keys; i++) {
            redis.send("GET", "burst:" + i);
        }
        redis.flush();

        List<Object> replies = new ArrayList<>();
        for (int i = 0; i < 2 * keys; i++) {
            replies.add(redis.read());
        }
        List<Object> expected = new ArrayList<>();
        IntStream.range(0, keys).forEach(i -> expected.add("OK"));
        IntStream.range(0, keys).forEach(i -> expected.add("v" + i));
        assertEquals(expected, replies);
    }

    @Test
    void aPipelinedReadSeesTheWritesPipelinedBeforeIt() {
        for (int i = 0; i < 30; i++) {
            redis.send("SET", "ryw:a", "v" + i);
            redis.send("GET", "ryw:a");
            redis.send("ECHO", "e" + i);
        }
        redis.flush();
        for (int i = 0; i < 30; i++) {
            assertEquals("OK", redis.read());
            assertEquals("v" + i, redis.read());
            assertEquals("e" + i, redis.read());
        }
    }

    private static String[] pairs(String command, List<String> keys) {
        List<String> words = new ArrayList<>(List.of(command));
        keys.forEach(key -> words.addAll(List.of(key, "v")));
        return words.toArray(String[]::new);
    }

    /** Sends {@code bytes} on a connection of their own, and returns the one reply the server sent before closing. */
    private static Object lastReplyBeforeClosing(byte[] bytes) {
        try (RespTestClient client = fixture.connect()) {
            client.sendRaw(bytes);
            client.flush();
            Object reply = client.read();
            assertTrue(client.closedByServer(), "the connection is still open after " + reply);
            return reply;
        }
    }

    private static void assertProtocolError(Object reply) {
        assertTrue(reply instanceof RespTestClient.Error error && error.text().startsWith("ERR Protocol error: "),
                String.valueOf(reply));
    }

    /** A new connection is served after another one was refused. */
    private static void assertServing() {
        try (RespTestClient client = fixture.connect()) {
            assertEquals("PONG", client.call("PING"));
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
