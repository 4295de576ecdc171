package io.github.raftkit.examples.lock.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Contender} running as a process of its own, in a small JVM with this JVM's class path, and the lines it
 * reported so far. The demo and the process tests pause it (SIGSTOP), resume it and kill it (SIGKILL) as an operator
 * or a crash would. Thread-safe.
 */
public final class ContenderProcess implements AutoCloseable {
    private static final List<String> SMALL_JVM = List.of("-Xmx96m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private final String name;
    private final Process process;
    private final List<String> lines = new ArrayList<>(); // guarded by itself

    private ContenderProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        Thread reader = new Thread(this::readLines, "contender-" + name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a contender called {@code name} with {@link Contender}'s {@code arguments}. */
    public static ContenderProcess start(String name, List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(SMALL_JVM);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Contender.class.getName(),
                "--name", name));
        command.addAll(arguments);
        return new ContenderProcess(name, new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    private void readLines() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException ended) {
            // The process is gone; what it said is kept.
        }
    }

    /** Every line so far. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** The first line from index {@code from} on that starts with {@code event}, waiting up to {@code deadline}. */
    public Optional<String> await(String event, int from, Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        synchronized (lines) {
            while (true) {
                for (int i = from; i < lines.size(); i++) {
                    if (lines.get(i).startsWith(event + " ")) {
                        return Optional.of(lines.get(i));
                    }
                }
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                TimeUnit.NANOSECONDS.timedWait(lines, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
            }
        }
    }

    /** SIGSTOP: the process stops where it is, its threads (the keep-alive one too) with it. */
    public void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT. */
    public void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        // The shell's own kill, so that nothing beyond a POSIX shell must be installed.
        Process kill = new ProcessBuilder("/bin/sh", "-c", "kill -" + signal + " " + process.pid()).start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + signal + " " + process.pid() + " failed");
        }
    }

    /** SIGKILL, as a crash: the lock it holds is freed only when its session expires. Waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Ends a holder the orderly way: its standard input ends, so it releases and exits. */
    public void endInput() throws IOException {
        OutputStream input = process.getOutputStream();
        input.close();
    }

    /** Kills it if it still runs (resuming it first, since a stopped process cannot act on SIGTERM). */
    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                resume();
            } catch (IOException | InterruptedException e) {
                // Killing works on a stopped process all the same.
            }
            process.destroyForcibly();
        }
    }
}
