package io.github.raftkit.examples.lock.demo;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The demo, as the README runs it: a holder stopped past its time to live has its late write refused. */
class PauseDemoTest {

    @Test
    void aHolderStoppedPastItsTimeToLiveHasItsLateWriteRefusedByItsFencingToken() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PauseDemo.Outcome outcome = new PauseDemo(new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
        String story = printed.toString(StandardCharsets.UTF_8);
        assertNotEquals(outcome.paused(), outcome.takeover(), story);
        assertTrue(outcome.takeoverToken() > outcome.pausedToken(), story);
        assertTrue(outcome.fileLines().stream().noneMatch(line -> line.endsWith(" token " + outcome.pausedToken())),
                "the stale holder's write reached the file: " + outcome.fileLines());
        assertTrue(outcome.fileLines().contains(outcome.takeover() + " token " + outcome.takeoverToken()), story);
    }
}
