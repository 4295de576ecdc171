package io.github.raftkit.core.engine.election;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** §5.2: election timeouts are drawn at random from a fixed interval, anew each time the timer restarts. */
class ElectionTimerTest {

    private static int ticksUntilTimeout(ElectionTimer timer) {
        int ticks = 1;
        while (!timer.tick()) {
            ticks++;
        }
        return ticks;
    }

    @Test
    void everyTimeoutLiesInMinInclusiveToMaxExclusiveAndEachOccurs() {
        ElectionTimer timer = new ElectionTimer(5, 9, new Random(1), false);
        TreeSet<Integer> seen = new TreeSet<>();

        for (int i = 0; i < 1_000; i++) {
            seen.add(ticksUntilTimeout(timer));
            timer.reset();
        }

        assertEquals(new TreeSet<>(List.of(5, 6, 7, 8)), seen);
    }

    @Test
    void resetStartsCountingAgain() {
        ElectionTimer timer = new ElectionTimer(5, 6, new Random(1), false);
        for (int i = 0; i < 4; i++) {
            assertFalse(timer.tick());
        }

        timer.reset();

        assertEquals(5, ticksUntilTimeout(timer));
    }

    @Test // §4.2.3: the lease spans the minimum timeout since the timer was last reset
    void leaseHoldsForTheMinimumTimeoutOnly() {
        ElectionTimer timer = new ElectionTimer(5, 9, new Random(1), false);

        for (int i = 0; i < 4; i++) {
            timer.tick();
            assertTrue(timer.withinLease());
        }
        timer.tick();

        assertFalse(timer.withinLease());
    }

    @Test
    void timerKeepsReportingTheTimeoutUntilReset() {
        ElectionTimer timer = new ElectionTimer(2, 3, new Random(1), false);
        ticksUntilTimeout(timer);

        assertTrue(timer.tick());
    }
}
