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

/**
 * Runs Debian's {@code redis-cli} and {@code redis-benchmark} against a port. A test that uses them is skipped only
 * where they are not installed; CI installs them ({@code .ci/run}), so there they always run.
 */
public final class RedisTools {
    private static final long TIMEOUT_SECONDS = 60;

    /** What a tool printed, out and err together, and how it exited. */
    public record Run(int exitCode, String output) {
    }

    private RedisTools() {
    }

    /** Runs {@code name -h 127.0.0.1 -p PORT arguments...} to its end, or kills it after the timeout. */
    public static Run run(String name, int port, String... arguments) {
        assumeTrue(onPath(name), name + " is not installed (apt-get install redis-tools)");
        List<String> command = new ArrayList<>(List.of(name, "-h", "127.0.0.1", "-p", Integer.toString(port)));
        command.addAll(Arrays.asList(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try {
                process.getOutputStream().close();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), name + " did not end");
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

    /** A redis-benchmark run that ended well, reported both commands, and saw no error. */
    public static void assertBenchmarkClean(Run run) {
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("SET: ") && run.output().contains("GET: "), run.output());
        for (String trouble : List.of("rror", "WARNING", "ERR")) {
            assertFalse(run.output().contains(trouble), run.output());
        }
    }

    private static boolean onPath(String name) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, name)));
    }
}
