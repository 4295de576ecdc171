package io.github.raftkit.examples.kv.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code raft-kv server} process of the demo, started with this JVM's java and class path, its output in a log
 * file. The demo ends only the processes it started, through their {@link Process} handles.
 */
final class MemberProcess {
    private final DemoMember member;
    private final String peers;
    private final Path dataDir;
    private Process process;

    MemberProcess(DemoMember member, String peers, Path dataDir) {
        this.member = member;
        this.peers = peers;
        this.dataDir = dataDir;
    }

    DemoMember member() {
        return member;
    }

    void start() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), "io.github.raftkit.examples.kv.Main", "server",
                "--id", member.id(), "--peers", peers, "--data-dir", dataDir.resolve(member.id()).toString(),
                "--http-port", Integer.toString(member.httpPort()),
                "--resp-port", Integer.toString(member.respPort())));
        Path log = dataDir.resolve(member.id() + ".log");
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** SIGKILL: the process gets no chance to flush or say goodbye, as in a crash. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** SIGTERM, then SIGKILL if it has not ended within a few seconds. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process.pid();
    }
}
