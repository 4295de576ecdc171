package io.github.raftkit.examples.lock.demo;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.examples.lock.Main;
import io.github.raftkit.server.process.ProcessCluster;
import io.github.raftkit.server.process.ServerLaunch;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The lock service's demo: three member processes, three {@link Contender} processes taking turns at a lock that
 * guards a shared {@link FencedFile}. One contender is stopped with SIGSTOP right after it takes the lock, before it
 * writes; its session expires, another contender takes the lock and writes; then the stopped one is resumed and its
 * late write, carrying the old fencing token, is refused by the file. Everything runs in a temporary directory, kept
 * only if the demo fails.
 */
public final class PauseDemo {
    /** The contenders' time to live: short, so that the demo is quick. */
    static final Duration TTL = Duration.ofSeconds(2);
    /** How long a contender holds before it writes: the window in which the demo stops one. */
    private static final Duration WORK = Duration.ofSeconds(1);
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    /** What the demo saw. */
    public record Outcome(String paused, long pausedToken, String takeover, long takeoverToken, String refusal,
                          List<String> fileLines) {
    }

    private final PrintStream out;

    public PauseDemo(PrintStream out) {
        this.out = out;
    }

    /** Runs the demo in a fresh temporary directory; returns what happened, or throws if the story did not unfold. */
    public Outcome run() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("raft-lock-demo-");
        boolean ok = false;
        try {
            Outcome outcome = run(dir);
            ok = true;
            return outcome;
        } finally {
            if (ok) {
                deleteRecursively(dir);
            } else {
                out.println("the demo's files are kept in " + dir);
            }
        }
    }

    private Outcome run(Path dir) throws IOException, InterruptedException {
        out.println("starting 3 lock service members (netty, file storage) in " + dir);
        List<ContenderProcess> contenders = new ArrayList<>();
        try (ProcessCluster cluster = ProcessCluster.start(dir, 3, ServerLaunch.of(Main.class))) {
            NodeId leader = cluster.awaitLeader(Optional.empty());
            out.println("leader: " + leader);
            Path file = dir.resolve("shared.txt");
            for (String name : List.of("alice", "bob", "carol")) {
                contenders.add(ContenderProcess.start(name, List.of("--endpoints", cluster.raftEndpoints(false),
                        "--file", file.toString(), "--ttl-ms", Long.toString(TTL.toMillis()),
                        "--work-ms", Long.toString(WORK.toMillis()))));
            }
            out.println("3 contenders take turns at lock 'shared-file' (time to live " + TTL.toMillis()
                    + " ms), writing to " + file + " with their fencing tokens");
            return pauseOneAndWatch(contenders, new FencedFile(file));
        } finally {
            contenders.forEach(ContenderProcess::close);
        }
    }

    private Outcome pauseOneAndWatch(List<ContenderProcess> contenders, FencedFile file)
            throws IOException, InterruptedException {
        Acquired victim = stopTheNextHolder(contenders);
        out.println("SIGSTOP " + victim.contender().name() + " (pid " + victim.contender().pid()
                + ") right after it took the lock with token " + victim.token() + ", before it wrote");
        Acquired takeover = nextWriteAbove(contenders, victim);
        out.println(takeover.contender().name() + " took the lock over once " + victim.contender().name()
                + "'s session expired, and wrote with token " + takeover.token());
        victim.contender().resume();
        out.println("SIGCONT " + victim.contender().name() + ": it wakes up and writes with its old token");
        String refusal = victim.contender().await("REFUSED " + victim.token(), victim.line(), DEADLINE)
                .orElseThrow(() -> new IllegalStateException(victim.contender().name()
                        + " never reported its late write refused: " + victim.contender().lines()));
        out.println(victim.contender().name() + ": write with token " + victim.token() + " refused by the file, whose"
                + " highest token is " + refusal.split(" ")[2]);
        victim.contender().await("LOST", victim.line(), DEADLINE).ifPresent(lost -> out.println(
                victim.contender().name() + "'s session listener: " + lost.substring("LOST ".length())));
        List<String> lines = file.lines();
        boolean clean = lines.stream().noneMatch(line -> line.endsWith(" token " + victim.token()));
        out.println("the file holds " + lines + (clean ? ": nothing from the stale holder"
                : ": A WRITE FROM THE STALE HOLDER GOT IN"));
        return new Outcome(victim.contender().name(), victim.token(), takeover.contender().name(), takeover.token(),
                refusal, lines);
    }

    /** A contender's ACQUIRED report: its token, and where in its output it was. */
    private record Acquired(ContenderProcess contender, long token, int line) {
    }

    /** Waits for a contender to take the lock and stops it at once, before it writes; retries if it was too quick. */
    private Acquired stopTheNextHolder(List<ContenderProcess> contenders) throws IOException, InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        int[] seen = new int[contenders.size()];
        while (System.nanoTime() < end) {
            for (int i = 0; i < contenders.size(); i++) {
                ContenderProcess contender = contenders.get(i);
                List<String> lines = contender.lines();
                for (int at = seen[i]; at < lines.size(); at++) {
                    if (lines.get(at).startsWith("ACQUIRED ")) {
                        contender.pause();
                        long token = Long.parseLong(lines.get(at).split(" ")[1]);
                        if (contender.lines().contains("WROTE " + token)) {
                            contender.resume(); // it wrote before the signal landed; try the next one
                        } else {
                            return new Acquired(contender, token, at);
                        }
                    }
                }
                seen[i] = lines.size();
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("no contender took the lock within " + DEADLINE.toSeconds() + " s");
    }

    private Acquired nextWriteAbove(List<ContenderProcess> contenders, Acquired victim) throws InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < end) {
            for (ContenderProcess contender : contenders) {
                if (contender == victim.contender()) {
                    continue;
                }
                List<String> lines = contender.lines();
                for (int at = 0; at < lines.size(); at++) {
                    String[] fields = lines.get(at).split(" ");
                    if (fields[0].equals("WROTE") && Long.parseLong(fields[1]) > victim.token()) {
                        return new Acquired(contender, Long.parseLong(fields[1]), at);
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("nobody took the lock over within " + DEADLINE.toSeconds() + " s");
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
