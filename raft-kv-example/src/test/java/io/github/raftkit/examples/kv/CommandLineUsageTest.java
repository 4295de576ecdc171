package io.github.raftkit.examples.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Mistakes on the command line end with status 2 and a message naming them, before anything is started or sent. */
class CommandLineUsageTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void theUsageListsEveryCommandTheDemoAndTheExitStatuses() {
        assertEquals(0, run("--help"));

        String usage = out.toString();
        for (String command : new String[] {"server", "demo", "put", "get", "del", "cas", "incr", "scan", "status",
            "members"}) {
            assertTrue(usage.contains("\n  " + command + " "), command + " missing from\n" + usage);
        }
        assertTrue(usage.contains("Without a command: runs the demo."), usage);
        assertTrue(usage.contains("3   cluster unavailable or timed out"), usage);
    }

    @Test
    void aServerOutsideItsPeersIsAUsageError() {
        assertEquals(2, run("server", "--id", "n9"));
        assertTrue(err.toString().startsWith("--id n9 is not one of --peers [n1, n2, n3]"), err.toString());
    }

    @Test
    void bothConditionsOfAPutAreAUsageError() {
        assertEquals(2, run("put", "k", "v", "--if-absent", "--if-present"));
        assertTrue(err.toString().contains("--if-absent, --if-present are mutually exclusive"), err.toString());
    }

    @Test
    void aBadEndpointTimeoutOrConsistencyIsAUsageError() {
        assertEquals(2, run("get", "k", "--endpoints", "127.0.0.1"));
        assertTrue(err.toString().contains("endpoint must be host:port, got '127.0.0.1'"), err.toString());
        assertEquals(2, run("get", "k", "--timeout", "5h"));
        assertEquals(2, run("get", "k", "--consistency", "eventual"));
        assertEquals(2, run("cas", "k", "one", "v"));
    }

    private int run(String... args) {
        return Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
    }
}
