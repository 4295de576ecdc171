package io.github.raftkit.storage.file;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM running a test main class on this test's class path, with its standard output read line by line on a
 * thread of its own. Only the process this fixture started is ever killed.
 */
public final class ChildJvm implements AutoCloseable {
    /** Put on the queue when the child's output ends. */
    private static final String END = new String("<end of output>");

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ChildJvm(Process process) {
        this.process = process;
        Thread reader = new Thread(this::pump, "child-" + process.pid() + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code mainClass} with {@code args}; its standard error goes to a file for failure messages. */
    public static ChildJvm start(Class<?> mainClass, Path stderr, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()))
                .start();
        return new ChildJvm(process);
    }

    public long pid() {
        return process.pid();
    }

    public Process process() {
        return process;
    }

    /**
     * The next line of output, waiting up to {@code timeoutSeconds}; null once the output has ended.
     *
     * @throws AssertionError if no line comes in time
     */
    public String nextLine(long timeoutSeconds) throws InterruptedException {
        String line = lines.poll(timeoutSeconds, TimeUnit.SECONDS);
        if (line == null) {
            throw new AssertionError("child JVM " + process.pid() + " printed nothing for " + timeoutSeconds + " s");
        }
        if (line == END) {
            lines.add(END);
            return null;
        }
        return line;
    }

    /** Kills the child with SIGKILL (on Linux) and waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("child JVM " + process.pid() + " did not die within 60 s of SIGKILL");
        }
    }

    /** Kills the child if it still runs; an interrupted wait leaves it dying and keeps the interrupt. */
    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void pump() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            // The pipe breaks when the child is killed: its output ends there.
        } finally {
            lines.add(END);
        }
    }
}
