package io.github.raftkit.examples.lock.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.examples.lock.Main;
import io.github.raftkit.examples.lock.client.Lock;
import io.github.raftkit.examples.lock.client.LockClient;
import io.github.raftkit.examples.lock.command.LockMode;
import io.github.raftkit.examples.lock.command.LockResult;
import io.github.raftkit.server.process.ProcessCluster;
import io.github.raftkit.server.process.ServerLaunch;
import io.github.raftkit.testkit.linearizability.CheckResult;
import io.github.raftkit.testkit.linearizability.LinearizabilityChecker;
import io.github.raftkit.testkit.linearizability.LockModel;
import io.github.raftkit.testkit.linearizability.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock service as real processes: three members over netty and files, and lock holders in processes of their
 * own, killed with SIGKILL as a crash would.
 */
class LockProcessesTest {
    private static final Duration TTL = Duration.ofSeconds(2);
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    private static ProcessCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = ProcessCluster.start(dir, 3, ServerLaunch.of(Main.class));
        cluster.awaitLeader(Optional.empty());
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    private static ContenderProcess holder(String name, String lock) throws Exception {
        return ContenderProcess.start(name, List.of("--endpoints", cluster.raftEndpoints(false), "--lock", lock,
                "--ttl-ms", Long.toString(TTL.toMillis()), "--hold"));
    }

    private static LockClient client() {
        return LockClient.connect(cluster.clientConfig(Duration.ofSeconds(30)), Duration.ofSeconds(10));
    }

    private static long[] acquired(ContenderProcess holder) throws InterruptedException {
        String line = holder.await("ACQUIRED", 0, DEADLINE).orElseThrow(
                () -> new AssertionError(holder.name() + " never took its lock: " + holder.lines()));
        String[] fields = line.split(" ");
        return new long[] {Long.parseLong(fields[1]), Long.parseLong(fields[2])};
    }

    @Test
    void theLockOfAHolderKilledWithSigkillIsFreedOnceItsSessionExpires() throws Exception {
        try (ContenderProcess holder = holder("crasher", "crash-lock"); LockClient next = client()) {
            long[] held = acquired(holder);
            holder.kill();
            LockResult.Holders right = next.holders("crash-lock");
            assertEquals(held[1], right.holders().get(0).session(),
                    "nothing but the session's expiry may free the lock of a dead holder");

            try (Lock lock = next.tryAcquire("crash-lock", LockMode.EXCLUSIVE,
                    DEADLINE).orElseThrow(() -> new AssertionError("the lock was not freed within " + DEADLINE))) {
                assertTrue(lock.fencingToken() > held[0], "token " + lock.fencingToken() + " after " + held[0]);
            }
        }
    }

    /**
     * Three contenders take turns at one lock while holders are stopped with SIGSTOP for longer than the time to
     * live, and the wall-clock history they report is checked with {@link LockModel}: a holder that stopped trusting
     * its session appears as an indeterminate release from the end of its trust, so a grant to anyone else that
     * returned before then would make the history not linearizable.
     */
    @Test
    void aHistoryWithHoldersPausedPastTheirTimeToLiveKeepsTheLockExclusive() throws Exception {
        List<ContenderProcess> contenders = new ArrayList<>();
        Random random = new Random(8);
        try {
            for (String name : List.of("c1", "c2", "c3")) {
                contenders.add(ContenderProcess.start(name, List.of("--endpoints", cluster.raftEndpoints(false),
                        "--lock", "history-lock", "--file", dir.resolve("history.txt").toString(),
                        "--ttl-ms", Long.toString(TTL.toMillis()), "--work-ms", "200")));
            }
            for (int pause = 0; pause < 4; pause++) {
                ContenderProcess holder = nextHolder(contenders);
                holder.pause();
                Thread.sleep(TTL.toMillis() + 500 + random.nextInt(2_000));
                holder.resume();
                Thread.sleep(500 + random.nextInt(1_000));
            }
        } finally {
            contenders.forEach(ContenderProcess::close);
        }
        ContenderHistory history = new ContenderHistory("history-lock");
        for (int i = 0; i < contenders.size(); i++) {
            history.add(i + 1, contenders.get(i).lines());
        }
        CheckResult result = LinearizabilityChecker.check(new LockModel(), history.operations(), 1_000_000);
        assertEquals(Verdict.LINEARIZABLE, result.verdict(), result.explanation());
        assertTrue(history.expiries() > 0, "no holder outlived its time to live: " + history.operations());
        assertEquals(0, history.failedAcquires(), "an acquire lost its session although no waiter was paused");
    }

    /** The contender that reported the latest grant, once one did. */
    private static ContenderProcess nextHolder(List<ContenderProcess> contenders) throws InterruptedException {
        int[] seen = contenders.stream().mapToInt(c -> c.lines().size()).toArray();
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < end) {
            for (int i = 0; i < contenders.size(); i++) {
                List<String> lines = contenders.get(i).lines();
                for (int at = seen[i]; at < lines.size(); at++) {
                    if (lines.get(at).startsWith("ACQUIRED ")) {
                        return contenders.get(i);
                    }
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no contender took the lock within " + DEADLINE);
    }

    @Test
    void aHolderThatKeepsItsSessionAliveKeepsTheLockWhenTheLeaderIsKilled() throws Exception {
        try (ContenderProcess holder = holder("steady", "steady-lock"); LockClient observer = client()) {
            long[] held = acquired(holder);
            NodeId leader = cluster.awaitLeader(Optional.empty());
            cluster.kill(leader);
            cluster.awaitLeader(Optional.of(leader));
            // Three whole times to live under the new leader: a failover must never expire a live session.
            Thread.sleep(3 * TTL.toMillis());

            LockResult.Holders holders = observer.holders("steady-lock");
            assertEquals(List.of(new LockResult.Holder(held[1], held[0], 1)), holders.holders());
            assertTrue(holder.lines().stream().noneMatch(line -> line.startsWith("LOST")), holder.lines().toString());

            holder.endInput();
            assertTrue(observer.tryAcquire("steady-lock", LockMode.EXCLUSIVE,
                    DEADLINE).isPresent(), "the holder's release must free the lock");
            cluster.start(leader);
        }
    }
}
