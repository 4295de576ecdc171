package io.github.raftkit.core.runtime;

import static io.github.raftkit.core.runtime.RequestRoutingTest.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.error.OverloadedException;
import io.github.raftkit.api.error.RaftTimeoutException;
import io.github.raftkit.api.error.ShutdownException;
import io.micrometer.core.instrument.MockClock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PendingRequestsTest {
    private final MockClock clock = new MockClock();
    private final PendingRequests pending = new PendingRequests("g/n1", 2, Duration.ofSeconds(5), clock);

    @Test
    void requestsBeyondTheCapacityAreRefusedUntilOneIsDecided() {
        PendingRequests.Admitted<String> first = pending.admit("proposal");
        pending.admit("proposal");

        PendingRequests.Admitted<String> third = pending.admit("proposal");
        assertTrue(third.refused());
        failure(OverloadedException.class, third.reply());

        first.work().complete("done");
        assertEquals("done", first.reply().join());
        assertFalse(pending.admit("proposal").refused(), "room again as soon as the caller hears back");
    }

    @Test
    void oneSweepFailsOnlyTheRequestsPastTheirDeadline() {
        PendingRequests.Admitted<String> old = pending.admit("proposal");
        clock.add(3, TimeUnit.SECONDS);
        PendingRequests.Admitted<String> young = pending.admit("read");
        clock.add(3, TimeUnit.SECONDS);

        pending.expire();

        failure(RaftTimeoutException.class, old.reply());
        assertFalse(young.reply().isDone());
        assertEquals(1, pending.size());
    }

    @Test
    void failingAllAlsoRefusesLaterRequestsWithTheFirstCause() {
        PendingRequests.Admitted<String> waiting = pending.admit("proposal");
        pending.failAll(new ShutdownException("first"));
        pending.failAll(new ShutdownException("second"));

        assertEquals("first", failure(ShutdownException.class, waiting.reply()).getMessage());
        assertEquals("first", failure(ShutdownException.class, pending.admit("read").reply()).getMessage());
        assertEquals(0, pending.size());
    }
}
