package io.github.raftkit.examples.lock.cli;

import io.github.raftkit.examples.lock.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code raft-lock} against one cluster: in this JVM with its output captured, or as a process of its own. The
 * second is for {@code acquire}, which reads its standard input, runs commands on this process's output, and is
 * stopped by signals: none of which a test can do to its own JVM.
 */
final class LockCli {
    /** A small JVM that starts quickly, as the members' own. */
    private static final List<String> SMALL_JVM = List.of("-Xmx96m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private final String endpoints;
    private final String timeout;
    private final Path dir;
    private int spawned;

    /**
     * @param endpoints the cluster's Raft endpoints, as {@code --endpoints} takes them
     * @param timeout every command's {@code --timeout}
     * @param dir where the standard error of spawned processes goes
     */
    LockCli(String endpoints, String timeout, Path dir) {
        this.endpoints = endpoints;
        this.timeout = timeout;
        this.dir = dir;
    }

    /** Runs {@code raft-lock COMMAND ARGS...} in this JVM; returns how it ended. */
    Outcome run(String... commandLine) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(withCluster(commandLine));
        return new Outcome(status, out.toString(), err.toString());
    }

    /** Starts {@code raft-lock COMMAND ARGS...} as a process with this JVM's java and class path. */
    LockProcess spawn(String... commandLine) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(SMALL_JVM);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(withCluster(commandLine)));
        Path err = Files.createTempFile(dir, commandLine[0] + "-" + ++spawned + "-", ".err");
        Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
        return new LockProcess(process, err);
    }

    /**
     * The command line with the cluster's flags right after the command's name, before any {@code --} that ends
     * its options.
     */
    private String[] withCluster(String... commandLine) {
        List<String> args = new ArrayList<>();
        args.add(commandLine[0]);
        args.addAll(List.of("--endpoints", endpoints, "--timeout", timeout));
        args.addAll(List.of(commandLine).subList(1, commandLine.length));
        return args.toArray(String[]::new);
    }
}
