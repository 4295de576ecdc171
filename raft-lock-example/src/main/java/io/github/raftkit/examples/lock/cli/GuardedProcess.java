package io.github.raftkit.examples.lock.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The command that {@code acquire} runs while it holds the lock, as {@code flock} and {@code etcdctl lock} do: a
 * child process with this process's input, output and error, and the lock in its environment. Stopped, with
 * everything it started, when the lock is lost. Driven from the command's thread.
 */
final class GuardedProcess {
    /** How long the child has to stop after SIGTERM before it is killed. */
    static final Duration GRACE = Duration.ofSeconds(5);

    private final Process process;

    private GuardedProcess(Process process) {
        this.process = process;
    }

    /** Starts {@code command} with {@code environment} added to this process's. */
    static GuardedProcess start(List<String> command, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().putAll(environment);
        return new GuardedProcess(builder.start());
    }

    Process process() {
        return process;
    }

    long pid() {
        return process.pid();
    }

    /**
     * SIGTERM to the child and everything it started, then SIGKILL to whatever is left after {@link #GRACE};
     * returns the child's exit status.
     */
    int stop() {
        // Taken first: once the child is gone its children are orphans and no longer its descendants.
        List<ProcessHandle> all = Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + GRACE.toNanos();
        for (ProcessHandle handle : all) {
            if (!exitsBy(handle, deadline)) {
                handle.destroyForcibly();
            }
        }
        return process.onExit().join().exitValue();
    }

    private static boolean exitsBy(ProcessHandle handle, long deadline) {
        try {
            handle.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
