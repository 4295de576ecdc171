package io.github.raftkit.examples.kv.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real {@code redis-cli} and {@code redis-benchmark} (Debian's {@code redis-tools}) against {@link RespServer} in
 * front of three members in this JVM. Each test is skipped only where its tool is not on the PATH; CI installs them.
 */
class RedisToolsTest {

    private static RespFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new RespFixture(RespSettings.DEFAULT);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void redisCliSetsAndGetsAValueAndShowsTheRaftSection() {
        assertEquals(new RedisTools.Run(0, "OK\n"), redisCli("set", "cli:a", "hello"));
        assertEquals(new RedisTools.Run(0, "hello\n"), redisCli("get", "cli:a"));
        // Without a terminal redis-cli prints replies bare: no "(integer)".
        assertEquals(new RedisTools.Run(0, "1\n"), redisCli("exists", "cli:a"));

        RedisTools.Run info = redisCli("INFO", "raft");
        assertEquals(0, info.exitCode(), info.output());
        assertTrue(info.output().startsWith("# Raft\r\n"), info.output());
        assertTrue(info.output().contains("\r\nrole:"), info.output());
        assertFalse(info.output().contains("# Server"), info.output());
    }

    @Test
    void redisBenchmarkSetsAndGetsWithoutErrors() {
        RedisTools.assertBenchmarkClean(benchmark("-t", "set,get", "-n", "2000", "-c", "10", "-q"));
    }

    @Test
    void redisBenchmarkPipelinedSixteenDeepGetsEveryReplyInOrder() {
        RedisTools.assertBenchmarkClean(benchmark("-t", "set,get", "-n", "2000", "-c", "10", "-P", "16", "-q"));
    }

    private static RedisTools.Run redisCli(String... arguments) {
        return RedisTools.run("redis-cli", fixture.server.port(), arguments);
    }

    private static RedisTools.Run benchmark(String... arguments) {
        return RedisTools.run("redis-benchmark", fixture.server.port(), arguments);
    }
}
