package io.github.raftkit.examples.kv.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's first command runs this demo: three processes, a SIGKILLed leader, nothing acknowledged lost. */
class ProcessClusterDemoTest {

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void theDemoSurvivesAKilledLeaderAndFindsEveryAcknowledgedWrite() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            exit = ProcessClusterDemo.run(out);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        System.out.println(output);

        assertEquals(0, exit, output);
        assertTrue(output.contains("the leader, while 8 writers keep writing"), output);
        assertTrue(output.lines().anyMatch(line -> line.matches("n\\d leads after \\d+ ms")), output);
        assertTrue(output.lines().anyMatch(line -> line.matches("n\\d applied through index \\d+ within \\d+ ms.*")),
                output);
        assertTrue(output.contains("every acknowledged write is present: OK"), output);
    }
}
