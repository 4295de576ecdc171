package io.github.raftkit.examples.lock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.raftkit.core.runtime.Await;
import io.github.raftkit.examples.lock.Main;
import io.github.raftkit.examples.lock.client.LockClient;
import io.github.raftkit.server.cli.Printer;
import io.github.raftkit.server.process.ProcessCluster;
import io.github.raftkit.server.process.ServerLaunch;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock commands against three {@code raft-lock server} processes. {@code acquire} runs as a process of its own,
 * as a script or another host would run it; the others run in this JVM. Each test uses locks of its own, so that
 * they can share one cluster.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LockCliTest {
    private static final Pattern ACQUIRED = Pattern.compile("acquired (\\S+) token (\\d+) session (\\d+)");

    @TempDir
    static Path dir;

    private static ProcessCluster cluster;
    private static LockCli cli;
    /** Watches the locks without a session of its own. */
    private static LockClient observer;

    @BeforeAll
    static void startCluster() throws IOException {
        cluster = ProcessCluster.start(dir, 3, ServerLaunch.of(Main.class));
        cluster.awaitLeader(Optional.empty());
        cli = new LockCli(cluster.raftEndpoints(false), "20s", dir);
        observer = LockClient.connect(cluster.clientConfig(Duration.ofSeconds(20)), LockClient.DEFAULT_TTL);
    }

    @AfterAll
    static void stopCluster() {
        if (observer != null) {
            observer.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aHeldLockShowsItsHolderUntilTheHolderClosesItsInput() throws Exception {
        try (LockProcess holder = cli.spawn("acquire", "reports")) {
            Matcher acquired = acquired(holder.awaitLine());
            String token = acquired.group(2);
            String session = acquired.group(3);

            assertOutput("held exclusive\nholder session " + session + " token " + token + " holds 1\n",
                    "holders", "reports");
            assertOutput("session " + session + ": time to live 10000 ms, last renewed at index ", "session",
                    session);
            assertTrue(cli.run("session", session).out().contains("\nholds reports\nwaits for nothing\n"));

            holder.closeInput();
            assertEquals(0, holder.awaitExit().status());
        }
        assertOutput("free\n", "holders", "reports");
    }

    @Test
    void aSecondAcquireThatMayNotWaitExitsOne() throws Exception {
        try (LockProcess holder = cli.spawn("acquire", "printer")) {
            acquired(holder.awaitLine());

            Outcome now = cli.spawn("acquire", "printer", "--wait", "0").awaitExit();
            assertEquals(1, now.status(), now.toString());
            assertTrue(now.err().contains("acquire: not acquired at once (--wait 0): printer is not free"), now.err());

            Outcome soon = cli.spawn("acquire", "printer", "--wait", "500ms", "--json").awaitExit();
            assertEquals(1, soon.status(), soon.toString());
            assertTrue(soon.err().contains("not acquired within 500 ms"), soon.err());
            assertEquals("{\"name\":\"printer\",\"acquired\":false}\n", soon.out());
            assertTrue(observer.holders("printer").waiters().isEmpty(), "the timed-out waiter left the queue");

            holder.closeInput();
            assertEquals(0, holder.awaitExit().status());
        }
    }

    @Test
    void aCommandRunsHoldingTheLockWithItsTokenInItsEnvironmentAndTheLockIsFreeAfterwards() throws Exception {
        Outcome outcome = cli.spawn("acquire", "deploy", "--", "sh", "-c",
                "echo $RAFT_LOCK_TOKEN $RAFT_LOCK_NAME $RAFT_LOCK_SESSION").awaitExit();

        assertEquals(0, outcome.status(), outcome.toString());
        assertTrue(outcome.out().matches("\\d+ deploy \\d+\n"), outcome.out());
        assertOutput("free\n", "holders", "deploy");
    }

    @Test
    void aCommandsExitStatusIsAcquiresOwn() throws Exception {
        Outcome outcome = cli.spawn("acquire", "job", "--", "sh", "-c", "exit 7").awaitExit();

        assertEquals(7, outcome.status(), outcome.toString());
        assertOutput("free\n", "holders", "job");
    }

    @Test
    void aWaiterIsGrantedTheLockWithALargerTokenWhenTheHolderLetsGo() throws Exception {
        try (LockProcess first = cli.spawn("acquire", "queue")) {
            long firstToken = Long.parseLong(acquired(first.awaitLine()).group(2));
            try (LockProcess second = cli.spawn("acquire", "queue", "--json")) {
                Await.until("the second process waits", () -> observer.holders("queue").waiters().size() == 1);
                Outcome holders = cli.run("holders", "queue");
                assertTrue(holders.out().matches("held exclusive\nholder session \\d+ token " + firstToken
                        + " holds 1\nwaiter session \\d+ exclusive\n"), holders.out());

                first.closeInput();
                JsonNode granted = Printer.JSON.readTree(second.awaitLine());
                assertTrue(granted.get("acquired").asBoolean(), granted.toString());
                assertTrue(granted.get("token").asLong() > firstToken, granted.toString());

                second.closeInput();
                assertEquals(0, first.awaitExit().status());
                assertEquals(0, second.awaitExit().status());
            }
        }
    }

    @Test
    void sharedHoldersHoldTogether() throws Exception {
        try (LockProcess first = cli.spawn("acquire", "catalog", "--shared");
             LockProcess second = cli.spawn("acquire", "catalog", "--shared")) {
            acquired(first.awaitLine());
            acquired(second.awaitLine());

            JsonNode holders = Printer.JSON.readTree(cli.run("holders", "catalog", "--json").out());
            assertEquals("shared", holders.get("mode").asText());
            assertEquals(2, holders.get("holders").size(), holders.toString());

            first.closeInput();
            second.closeInput();
            assertEquals(0, first.awaitExit().status());
            assertEquals(0, second.awaitExit().status());
        }
    }

    @Test
    void releasingALockTheSessionDoesNotHoldExitsFour() throws Exception {
        try (LockProcess holder = cli.spawn("acquire", "mine")) {
            String session = acquired(holder.awaitLine()).group(3);

            Outcome outcome = cli.run("release", "theirs", "--session", session);

            assertEquals(4, outcome.status(), outcome.toString());
            assertEquals("release: rejected (NOT_HELD): session " + session + " does not hold 'theirs'\n",
                    outcome.err());
            holder.closeInput();
            assertEquals(0, holder.awaitExit().status());
        }
        Outcome closed = cli.run("release", "mine", "--session", "999999");
        assertEquals(4, closed.status(), closed.toString());
        assertTrue(closed.err().contains("(UNKNOWN_SESSION): session 999999 is not open"), closed.err());
    }

    @Test
    void anOperatorsReleaseFreesTheLockAndTheHolderHearsOfItWhenItLetsGo() throws Exception {
        try (LockProcess holder = cli.spawn("acquire", "stuck")) {
            String session = acquired(holder.awaitLine()).group(3);

            assertOutput("released stuck\n", "release", "stuck", "--session", session);
            assertOutput("free\n", "holders", "stuck");

            holder.closeInput();
            Outcome outcome = holder.awaitExit();
            assertEquals(4, outcome.status(), outcome.toString());
            assertTrue(outcome.err().contains("(NOT_HELD): session " + session + " does not hold 'stuck'"),
                    outcome.err());
        }
    }

    @Test
    void aHolderStoppedBySigtermReleasesTheLockAtOnce() throws Exception {
        // A time to live of an hour: the lock is free only if the holder released it.
        try (LockProcess holder = cli.spawn("acquire", "signalled", "--ttl", "60m")) {
            acquired(holder.awaitLine());

            holder.terminate();

            assertEquals(143, holder.awaitExit().status(), "the status of SIGTERM");
        }
        assertOutput("free\n", "holders", "signalled");
    }

    @Test
    void aSessionShowsWhatItHoldsAndWaitsFor() throws Exception {
        try (LockProcess first = cli.spawn("acquire", "a")) {
            acquired(first.awaitLine());
            try (LockProcess second = cli.spawn("acquire", "a")) {
                Await.until("the second process waits", () -> observer.holders("a").waiters().size() == 1);
                long waiter = observer.holders("a").waiters().get(0).session();

                JsonNode session = Printer.JSON.readTree(cli.run("session", Long.toString(waiter), "--json").out());
                assertEquals(10_000, session.get("ttlMillis").asLong());
                assertEquals(0, session.get("held").size(), session.toString());
                assertEquals("a", session.get("waiting").get(0).asText(), session.toString());

                first.closeInput();
                acquired(second.awaitLine());
                second.closeInput();
                assertEquals(0, second.awaitExit().status());
            }
        }
    }

    @Test
    void anUnknownSessionExitsOne() {
        Outcome outcome = cli.run("session", "999");

        assertEquals(1, outcome.status(), outcome.toString());
        assertEquals("", outcome.out());
        assertEquals("session 999 is not open: it was closed, expired long ago, or never existed\n", outcome.err());
    }

    @Test
    void holdersOfALockNobodyEverTookIsFree() throws Exception {
        assertOutput("free\n", "holders", "untouched");
        JsonNode holders = Printer.JSON.readTree(cli.run("holders", "untouched", "--json").out());
        assertTrue(holders.get("free").asBoolean(), holders.toString());
        assertTrue(holders.get("mode").isNull(), holders.toString());
    }

    @Test
    void aShortLoadCompletesCyclesOnItsOwnLocksAndOnOneSharedLock() throws Exception {
        for (String[] load : new String[][] {{"load", "--clients", "2", "--seconds", "1", "--json"},
            {"load", "--clients", "2", "--seconds", "1", "--contended", "--json"}}) {
            Outcome outcome = cli.run(load);
            assertEquals(0, outcome.status(), outcome.toString());
            JsonNode report = Printer.JSON.readTree(outcome.out());
            assertTrue(report.get("cycles").asLong() > 0 && report.get("failed").asLong() == 0, report.toString());
        }
    }

    private static Matcher acquired(String line) {
        Matcher matcher = ACQUIRED.matcher(line);
        assertTrue(matcher.matches(), line);
        return matcher;
    }

    /** Runs a command in this JVM, expecting status 0 and output that starts with {@code expected}. */
    private static void assertOutput(String expected, String... command) {
        Outcome outcome = cli.run(command);
        assertEquals(0, outcome.status(), outcome.toString());
        assertTrue(outcome.out().startsWith(expected), () -> "expected " + expected + "\nbut " + outcome);
    }
}
