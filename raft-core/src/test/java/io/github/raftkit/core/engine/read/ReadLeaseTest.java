package io.github.raftkit.core.engine.read;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Dissertation §6.4.1: a lease runs from the start of the newest round a majority answered. */
class ReadLeaseTest {

    private static void tick(ReadLease lease, int times) {
        for (int i = 0; i < times; i++) {
            lease.tick();
        }
    }

    @Test
    void noLeaseUntilAStartedRoundIsAnswered() {
        ReadLease lease = new ReadLease(5);
        lease.tick();
        lease.roundStarted(1);

        lease.quorumAnswered(0);

        assertFalse(lease.holds(), "round 0 is the new leader's first appends, which no heartbeat round started");
    }

    @Test
    void roundsStartedInOneTickRunFromThatTick() {
        ReadLease lease = new ReadLease(5);
        lease.tick();
        lease.roundStarted(1);
        lease.roundStarted(2);
        tick(lease, 2);

        lease.quorumAnswered(1);
        lease.quorumAnswered(2);

        tick(lease, 2);
        assertTrue(lease.holds(), "tick 5 < 1 + 5");
        lease.tick();
        assertFalse(lease.holds(), "tick 6: the lease ran out");
    }

    @Test
    void answerToARoundOlderThanTheLeaseGrantsNothing() {
        ReadLease lease = new ReadLease(5);
        lease.tick();
        lease.roundStarted(1);
        tick(lease, 5);

        lease.quorumAnswered(1);

        assertFalse(lease.holds());
    }

    @Test
    void surrenderedLeaseNeverHoldsAgain() {
        ReadLease lease = new ReadLease(5);
        lease.surrender();
        lease.tick();
        lease.roundStarted(1);

        lease.quorumAnswered(1);

        assertFalse(lease.holds());
    }
}
