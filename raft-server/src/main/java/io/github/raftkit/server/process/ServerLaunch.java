package io.github.raftkit.server.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to start one member as a process of its own: {@code java OPTIONS -cp THIS_CLASS_PATH MAIN server --id ...},
 * with this JVM's java and class path, so that a test or a demo runs the example it was built with. Immutable.
 *
 * @param mainClass the example's entry point, whose {@code server} subcommand is a
 *     {@link io.github.raftkit.server.launch.ServerCommand}
 * @param jvmOptions options of each member's JVM
 * @param portFlags the flags of the example's own ports (the key-value store's {@code --resp-port}), each given a free
 *     port of its own
 */
public record ServerLaunch(String mainClass, List<String> jvmOptions, List<String> portFlags) {
    /** A small, quickly started JVM: a test runs three beside itself on two cores. */
    private static final List<String> SMALL_JVM = List.of("-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    public ServerLaunch {
        Objects.requireNonNull(mainClass, "mainClass");
        jvmOptions = List.copyOf(jvmOptions);
        portFlags = List.copyOf(portFlags);
    }

    /** Members of {@code main}'s {@code server} command in small JVMs, with no ports but Raft's and HTTP's. */
    public static ServerLaunch of(Class<?> main) {
        return new ServerLaunch(main.getName(), SMALL_JVM, List.of());
    }

    /** The same with each of {@code flags} given a free port, such as {@code --resp-port}. */
    public ServerLaunch withPorts(String... flags) {
        return new ServerLaunch(mainClass, jvmOptions, List.of(flags));
    }

    /** The same in JVMs with {@code options} instead. */
    public ServerLaunch withJvmOptions(String... options) {
        return new ServerLaunch(mainClass, List.of(options), portFlags);
    }

    /** The command that starts member {@code id}; {@code ports} holds a port for each of {@link #portFlags}. */
    List<String> command(String id, String peers, Path dataDir, int httpPort, Map<String, Integer> ports) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass, "server",
                "--id", id, "--peers", peers, "--data-dir", dataDir.toString(),
                "--http-port", Integer.toString(httpPort)));
        for (String flag : portFlags) {
            command.add(flag);
            command.add(Integer.toString(ports.get(flag)));
        }
        return command;
    }
}
