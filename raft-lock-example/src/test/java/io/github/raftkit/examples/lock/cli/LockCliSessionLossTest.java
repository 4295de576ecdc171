package io.github.raftkit.examples.lock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.core.runtime.Await;
import io.github.raftkit.examples.lock.Main;
import io.github.raftkit.examples.lock.client.LockClient;
import io.github.raftkit.server.process.ProcessCluster;
import io.github.raftkit.server.process.ServerLaunch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command run under a lock is stopped when the lock's session is lost: two of three members are killed, so no
 * renewal can commit, and the holder must assume that the service expired its session and gave the lock away.
 */
class LockCliSessionLossTest {
    private static final Pattern STOPPING = Pattern.compile("acquire: stopping sleep \\(pid (\\d+)\\)");

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aCommandWhoseSessionIsLostIsStoppedAndAcquireExitsFour() throws Exception {
        try (ProcessCluster cluster = ProcessCluster.start(dir, 3, ServerLaunch.of(Main.class));
             LockClient observer = LockClient.connect(cluster.clientConfig(Duration.ofSeconds(20)),
                     LockClient.DEFAULT_TTL)) {
            NodeId leader = cluster.awaitLeader(Optional.empty());
            LockCli cli = new LockCli(cluster.raftEndpoints(false), "20s", dir);
            try (LockProcess guard = cli.spawn("acquire", "guarded", "--ttl", "2s", "--", "sleep", "300")) {
                long session = Await.value("the command runs holding the lock",
                        () -> observer.holders("guarded").holders().stream().findFirst()).session();

                cluster.kill(leader);
                cluster.kill(cluster.runningMembers().get(0));

                Outcome outcome = guard.awaitExit();
                assertEquals(4, outcome.status(), outcome.toString());
                assertTrue(outcome.err().contains("acquire: session " + session + " was lost while holding guarded: "
                        + "no renewal of session " + session + " was acknowledged within 1800 ms"), outcome.err());
                Matcher stopping = STOPPING.matcher(outcome.err());
                assertTrue(stopping.find(), outcome.err());
                long sleep = Long.parseLong(stopping.group(1));
                assertFalse(ProcessHandle.of(sleep).map(ProcessHandle::isAlive).orElse(false), "sleep is gone");
            }
        }
    }
}
