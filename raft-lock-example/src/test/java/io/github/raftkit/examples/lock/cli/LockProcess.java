package io.github.raftkit.examples.lock.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@code raft-lock} process that a test drives: it reads the lines it prints, closes its input, signals it, and
 * waits for its end. Stopped with SIGKILL if a test leaves it running. Used from the test's thread.
 */
final class LockProcess implements AutoCloseable {
    /** Longer than a JVM's start and a few requests on a loaded two-core machine. */
    private static final long DEADLINE_SECONDS = 60;

    private final Process process;
    private final Path err;
    private final BufferedReader out;
    private final StringBuilder printed = new StringBuilder();

    LockProcess(Process process, Path err) {
        this.process = process;
        this.err = err;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8));
    }

    /** The next line it prints, waiting for it. */
    String awaitLine() {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            String text = line.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
            if (text == null) {
                return fail("the process ended without printing a line: " + awaitExit());
            }
            printed.append(text).append('\n');
            return text;
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            return fail("no line from the process within " + DEADLINE_SECONDS + " s (" + e + "); err: " + err());
        }
    }

    /** Ends its standard input, as a person pressing Ctrl-D or a script closing the pipe. */
    void closeInput() throws IOException {
        process.getOutputStream().close();
    }

    /** SIGTERM, through its handle: {@link Process#destroy()} would also close the pipes to what it printed. */
    void terminate() {
        process.toHandle().destroy();
    }

    long pid() {
        return process.pid();
    }

    /** Waits for it to exit; returns its status and everything it printed. */
    Outcome awaitExit() {
        try {
            if (!process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("the process did not exit within " + DEADLINE_SECONDS + " s; err: " + err());
            }
            String line;
            while ((line = out.readLine()) != null) {
                printed.append(line).append('\n');
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Outcome(process.exitValue(), printed.toString(), err());
    }

    private String err() {
        try {
            return Files.readString(err, UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
