package io.github.raftkit.transport.netty.connection;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {
    private final ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(5000),
            new SplittableRandom(42));

    @Test
    void delaysDoubleWithinTheUpperHalfOfEachStep() {
        long step = 50;
        for (int attempt = 0; attempt < 7; attempt++) {
            long delay = backoff.nextDelayMillis();
            long expectedStep = Math.min(5000, step);
            assertTrue(delay >= expectedStep / 2 && delay <= expectedStep,
                    "attempt " + attempt + " waited " + delay + " for a step of " + expectedStep);
            step *= 2;
        }
    }

    @Test
    void delaysNeverExceedTheCapHoweverManyAttempts() {
        for (int attempt = 0; attempt < 10_000; attempt++) {
            long delay = backoff.nextDelayMillis();
            assertTrue(delay >= 1 && delay <= 5000, "attempt " + attempt + " waited " + delay);
        }
    }

    @Test
    void resetStartsAgainFromTheMinimum() {
        for (int attempt = 0; attempt < 20; attempt++) {
            backoff.nextDelayMillis();
        }
        backoff.reset();
        assertTrue(backoff.nextDelayMillis() <= 50);
    }

    @Test
    void jitterSpreadsNodesThatFailTogether() {
        ReconnectBackoff other = new ReconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(5000),
                new SplittableRandom(7));
        int same = 0;
        for (int attempt = 0; attempt < 20; attempt++) {
            same += backoff.nextDelayMillis() == other.nextDelayMillis() ? 1 : 0;
        }
        assertTrue(same < 5, same + " of 20 delays were identical");
    }
}
