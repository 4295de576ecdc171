package io.github.raftkit.examples.kv;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The README's first command runs this demo; it must keep working end to end. */
class LocalClusterDemoTest {

    @Test
    void theDemoLosesALeaderAndEndsWithIdenticalReplicas() throws InterruptedException {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            LocalClusterDemo.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        original.print(output);
        assertTrue(output.contains("linearizable read of 'consensus': raft"), output);
        assertTrue(output.lines().filter(l -> l.contains(" leads term ")).count() == 2, output);
        assertTrue(output.contains("every replica holds the same map"), output);
        assertTrue(output.lines().filter(l -> l.contains("nodes=2-of-3 language=(nil)")).count() == 3, output);
    }
}
