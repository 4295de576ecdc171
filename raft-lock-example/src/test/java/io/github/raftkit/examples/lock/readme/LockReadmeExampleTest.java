package io.github.raftkit.examples.lock.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.raftkit.api.client.ClientConfig;
import io.github.raftkit.core.examples.ReadmeSnippet;
import io.github.raftkit.core.runtime.TestCluster;
import io.github.raftkit.examples.lock.client.Lock;
import io.github.raftkit.examples.lock.client.LockClient;
import io.github.raftkit.examples.lock.command.LockMode;
import io.github.raftkit.examples.lock.demo.FencedFile;
import io.github.raftkit.examples.lock.machine.LockStateMachine;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's lock service example, compiled and run here against three members in this JVM, and shown as is. */
class LockReadmeExampleTest {
    @TempDir
    Path dir;

    @Test
    void theExampleRunsAndLeavesWhatItSays() throws IOException {
        try (TestCluster cluster = TestCluster.withMachines(3, LockStateMachine::new).startAll()) {
            FencedFile reports = new FencedFile(dir.resolve("reports.txt"));
            example(cluster.clientConfig(), reports);
            assertEquals(List.of("monthly report"), reports.lines());
        }
    }

    @Test
    void theReadmeShowsTheExampleAsItRuns() throws IOException {
        ReadmeSnippet.assertShown("src/test/java/io/github/raftkit/examples/lock/readme/LockReadmeExampleTest.java");
    }

    private static void example(ClientConfig config, FencedFile reports) throws IOException {
        // ---- README example: begin ----
        try (LockClient locks = LockClient.connect(config, Duration.ofSeconds(10))) {
            locks.addSessionListener((session, why) -> System.err.println("stop using the lock: " + why));
            try (Lock lock = locks.acquire("reports")) {            // queues (FIFO); the grant is pushed
                // The storage refuses a token lower than the highest it has seen: a holder that paused past its
                // session's time to live cannot overwrite the work of the holder after it.
                FencedFile.Outcome outcome = reports.write(lock.fencingToken(), "monthly report");
            }
            Optional<Lock> reader = locks.tryAcquire("reports", LockMode.SHARED, Duration.ofSeconds(2));
            reader.ifPresent(Lock::close);
        }
        // ---- README example: end ----
    }
}
