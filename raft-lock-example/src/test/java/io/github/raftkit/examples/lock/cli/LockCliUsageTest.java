package io.github.raftkit.examples.lock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mistakes on the lock commands' command lines end with status 2 and a message naming the argument or flag, before
 * anything is sent; a cluster that does not answer ends with status 3 and names where it was looked for. No cluster
 * runs: ports 1 and 2 on loopback refuse every connection, and the commands give up after a second.
 */
class LockCliUsageTest {
    private static final String NOWHERE = "127.0.0.1:1,127.0.0.1:2";
    private static final String LONG_NAME = "x".repeat(300);

    private LockCli cli;

    @BeforeEach
    void noCluster(@TempDir Path dir) {
        cli = new LockCli(NOWHERE, "1s", dir);
    }

    @Test
    void theUsageListsTheLockCommandsAndWhatTheirStatusesMean() {
        Outcome help = cli.run("--help");

        assertEquals(0, help.status(), help.toString());
        for (String command : new String[] {"server", "acquire", "release", "holders", "session", "status",
            "members"}) {
            assertTrue(help.out().contains("\n  " + command + " "), command + " missing from\n" + help.out());
        }
        assertTrue(help.out().contains("1   not acquired within --wait"), help.out());
        assertTrue(help.out().contains("4   refused by the lock service"), help.out());
    }

    @Test
    void aLockNameOverTheLimitIsAUsageErrorNamingTheArgument() {
        for (String[] command : new String[][] {{"acquire", LONG_NAME}, {"holders", LONG_NAME},
            {"release", LONG_NAME, "--session", "7"}}) {
            Outcome outcome = cli.run(command);

            assertEquals(2, outcome.status(), outcome.toString());
            assertTrue(outcome.err().contains("(NAME): lock name of 300 bytes exceeds the limit of 256 bytes"),
                    outcome.err());
        }
    }

    @Test
    void anEmptyLockNameIsAUsageError() {
        Outcome outcome = cli.run("holders", "");

        assertEquals(2, outcome.status(), outcome.toString());
        assertTrue(outcome.err().contains("(NAME): a lock name must not be empty"), outcome.err());
    }

    @Test
    void aTimeToLiveOutsideTheServicesBoundsIsAUsageErrorNamingTtl() {
        Outcome zero = cli.run("acquire", "x", "--ttl", "0s");
        assertEquals(2, zero.status(), zero.toString());
        assertTrue(zero.err().contains("'--ttl': a session's time to live must be from 1000 ms to 3600000 ms, "
                + "not 0 ms"), zero.err());

        Outcome hours = cli.run("acquire", "x", "--ttl", "90m");
        assertEquals(2, hours.status(), hours.toString());
        assertTrue(hours.err().contains("'--ttl': a session's time to live must be from"), hours.err());

        // Days are no unit of the command line's durations, which is as well: no time to live is that long.
        Outcome days = cli.run("acquire", "x", "--ttl", "100d");
        assertEquals(2, days.status(), days.toString());
        assertTrue(days.err().contains("'--ttl': a duration's unit is ms, s or m, got '100d'"), days.err());
    }

    @Test
    void aWaitThatIsNoDurationIsAUsageErrorButABareZeroIsNot() {
        Outcome soon = cli.run("acquire", "x", "--wait", "soon");
        assertEquals(2, soon.status(), soon.toString());
        assertTrue(soon.err().contains("'--wait'"), soon.err());

        // A bare 0 parses, so the command gets as far as the cluster, which is not there.
        assertEquals(3, cli.run("acquire", "x", "--wait", "0").status());
    }

    @Test
    void aReleaseNeedsTheSession() {
        Outcome outcome = cli.run("release", "x");

        assertEquals(2, outcome.status(), outcome.toString());
        assertTrue(outcome.err().contains("Missing required option: '--session=ID'"), outcome.err());
    }

    @Test
    void aClusterThatDoesNotAnswerExitsThreeNamingTheEndpoints() {
        for (String[] command : new String[][] {{"holders", "x"}, {"session", "7"}, {"release", "x", "--session",
            "7"}, {"acquire", "x"}}) {
            Outcome outcome = cli.run(command);

            assertEquals(3, outcome.status(), outcome.toString());
            assertTrue(outcome.err().startsWith(command[0] + ": the lock service at " + NOWHERE
                    + " is unavailable: "), outcome.err());
        }
    }
}
