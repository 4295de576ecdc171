package io.github.raftkit.examples.kv.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real {@code redis-cli} and {@code redis-benchmark} (Debian's {@code redis-tools}) against {@link RespServer} in
 * front of three members in this JVM. Each test is skipped only where its tool is not on the PATH; CI installs them.
 */
class RedisToolsTest {
    private static final long TOOL_TIMEOUT_SECONDS = 60;

    private static RespFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new RespFixture(RespSettings.DEFAULT);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    /** What a tool printed, out and err together, and how it exited. */
    private record Run(int exitCode, String output) {
    }

    @Test
    void redisCliSetsAndGetsAValueAndShowsTheRaftSection() {
        assertEquals(new Run(0, "OK\n"), redisCli("set", "cli:a", "hello"));
        assertEquals(new Run(0, "hello\n"), redisCli("get", "cli:a"));
        // Without a terminal redis-cli prints replies bare: no "(integer)".
        assertEquals(new Run(0, "1\n"), redisCli("exists", "cli:a"));

        Run info = redisCli("INFO", "raft");
        assertEquals(0, info.exitCode(), info.output());
        assertTrue(info.output().startsWith("# Raft\r\n"), info.output());
        assertTrue(info.output().contains("\r\nrole:"), info.output());
        assertFalse(info.output().contains("# Server"), info.output());
    }

    @Test
    void redisBenchmarkSetsAndGetsWithoutErrors() {
        assertBenchmarkClean(benchmark("-t", "set,get", "-n", "2000", "-c", "10", "-q"));
    }

    @Test
    void redisBenchmarkPipelinedSixteenDeepGetsEveryReplyInOrder() {
        assertBenchmarkClean(benchmark("-t", "set,get", "-n", "2000", "-c", "10", "-P", "16", "-q"));
    }

    private static void assertBenchmarkClean(Run run) {
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("SET: ") && run.output().contains("GET: "), run.output());
        for (String trouble : List.of("rror", "WARNING", "ERR")) {
            assertFalse(run.output().contains(trouble), run.output());
        }
    }

    private static Run redisCli(String... arguments) {
        return tool("redis-cli", arguments);
    }

    private static Run benchmark(String... arguments) {
        return tool("redis-benchmark", arguments);
    }

    /** Runs {@code name -h 127.0.0.1 -p PORT arguments...} to its end, or kills it after the timeout. */
    private static Run tool(String name, String... arguments) {
        assumeTrue(onPath(name), name + " is not installed (apt-get install redis-tools)");
        List<String> command = new ArrayList<>(List.of(name, "-h", "127.0.0.1",
                "-p", Integer.toString(fixture.server.port())));
        command.addAll(Arrays.asList(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try {
                process.getOutputStream().close();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(process.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS), name + " did not end");
                return new Run(process.exitValue(), output);
            } finally {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + name, e);
        }
    }

    private static boolean onPath(String name) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, name)));
    }
}
