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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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
