package io.github.raftkit.examples.lock.demo;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.client.ClientConfig;
import io.github.raftkit.api.error.RaftException;
import io.github.raftkit.examples.lock.client.Lock;
import io.github.raftkit.examples.lock.client.LockClient;
import io.github.raftkit.examples.lock.client.LockException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One client process of the demo and the process tests: it takes a lock over and over and, while holding it, writes
 * to a {@link FencedFile} with its fencing token; or, with {@code --hold}, takes it once and holds it until its
 * standard input ends. It reports what happens as one line per event on standard output, flushed at once, for the
 * process that watches it: {@code ACQUIRED token session}, {@code WROTE token}, {@code REFUSED token highest},
 * {@code LOST session reason}, {@code FAILED error message}, and {@code HISTORY ...} lines with wall-clock times for a
 * history check ({@code acquire session token invoked returned}, {@code release session invoked returned},
 * {@code release-unknown session invoked}, {@code expire session since}, {@code acquire-failed invoked}).
 *
 * <p>Between taking the lock and writing it waits {@code --work-ms}: a pause there (a SIGSTOP, a long GC) is exactly
 * the window in which a holder's session can expire and the lock pass on, which the fencing token then catches.
 */
@Command(name = "contender", description = "A demo client that contends for a lock guarding a shared file.")
public final class Contender implements Callable<Integer> {
    @Option(names = "--endpoints", required = true, split = ",", description = "Members' Raft addresses, host:port.")
    List<String> endpoints;

    @Option(names = "--lock", defaultValue = "shared-file", description = "The lock's name.")
    String lockName;

    @Option(names = "--ttl-ms", defaultValue = "2000", description = "The session's time to live, in milliseconds.")
    long ttlMillis;

    @Option(names = "--file", description = "The fenced file to write while holding the lock.")
    Path file;

    @Option(names = "--name", defaultValue = "contender", description = "How this client signs its lines.")
    String name;

    @Option(names = "--rounds", defaultValue = "0", description = "How many times to take the lock; 0: forever.")
    int rounds;

    @Option(names = "--work-ms", defaultValue = "300", description = "How long to hold before writing, in ms.")
    long workMillis;

    @Option(names = "--hold", description = "Take the lock once and hold it until standard input ends.")
    boolean hold;

    private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    public static void main(String[] args) {
        System.exit(new CommandLine(new Contender()).execute(args));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        ClientConfig config = ClientConfig.builder().transport("netty")
                .endpoints(endpoints.stream().map(Endpoint::parse).toList())
                .requestTimeout(Duration.ofSeconds(30)).attemptTimeout(Duration.ofSeconds(1)).build();
        try (LockClient locks = LockClient.connect(config, Duration.ofMillis(ttlMillis))) {
            locks.addSessionListener((session, reason) -> report("LOST", session, reason));
            if (hold) {
                holdUntilEndOfInput(locks, System.in);
                return 0;
            }
            FencedFile fenced = new FencedFile(file);
            for (int round = 1; rounds == 0 || round <= rounds; round++) {
                contend(locks, fenced);
            }
        }
        return 0;
    }

    private void holdUntilEndOfInput(LockClient locks, InputStream input) throws IOException {
        try (Lock lock = locks.acquire(lockName)) {
            report("ACQUIRED", lock.fencingToken(), lock.session());
            while (input.read() >= 0) {
                // Holding: the client's own thread keeps the session alive meanwhile.
            }
        }
    }

    private void contend(LockClient locks, FencedFile fenced) throws IOException, InterruptedException {
        long asked = micros();
        Lock lock;
        try {
            lock = locks.acquire(lockName);
        } catch (LockException e) {
            report("FAILED", e.error(), e.getMessage());
            report("HISTORY", "acquire-failed", asked);
            return;
        }
        long token = lock.fencingToken();
        report("HISTORY", "acquire", lock.session(), token, asked, micros());
        report("ACQUIRED", token, lock.session());
        try {
            Thread.sleep(workMillis);
            FencedFile.Outcome outcome = fenced.write(token, name + " token " + token);
            if (outcome instanceof FencedFile.Refused refused) {
                report("REFUSED", token, refused.highest());
            } else {
                report("WROTE", token);
            }
        } finally {
            release(lock);
        }
    }

    /**
     * Releases, and reports it for the history: a release the service answered, one whose outcome is unknown, or the
     * session's end, from the moment this client stopped trusting it (when a pause outlived the time to live).
     */
    private void release(Lock lock) {
        long asked = micros();
        long trustEnd = asked + lock.remaining().toNanos() / 1_000;
        try {
            if (lock.release()) {
                report("HISTORY", "release", lock.session(), asked, micros());
            } else {
                report("HISTORY", "expire", lock.session(), trustEnd);
            }
        } catch (LockException | RaftException e) {
            report("FAILED", e.getClass().getSimpleName(), e.getMessage());
            report("HISTORY", "release-unknown", lock.session(), asked);
            report("HISTORY", "expire", lock.session(), trustEnd);
        }
    }

    /** Wall-clock microseconds: the contenders on one machine share the clock, so their histories merge. */
    private static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    private synchronized void report(String event, Object... fields) {
        out.println(event + " " + String.join(" ", Arrays.stream(fields).map(String::valueOf).toList()));
    }
}
