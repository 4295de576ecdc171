package io.github.raftkit.examples.lock.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.core.simulation.SeedSweep;
import io.github.raftkit.core.simulation.SimulationReport;
import io.github.raftkit.core.simulation.SimulationSetup;
import org.junit.jupiter.api.Test;

/**
 * The lock service under raftkit's deterministic simulation: crashes, partitions, lost and late messages, storage
 * that loses what was not yet durable, and clients that pause for up to three times their time to live. The default
 * build runs 100 seeds; more with {@code -Draftkit.lock.simulation.seeds=N} (and {@code .firstSeed=N} to replay one).
 */
class LockSimulationTest {
    private static final long FIRST_SEED = Long.getLong("raftkit.lock.simulation.firstSeed", 1);
    private static final long SEEDS = Long.getLong("raftkit.lock.simulation.seeds", 100);

    @Test
    void locksStayExclusiveTokensGrowAndNoLockStaysWithAnEndedSession() {
        LockApplication locks = new LockApplication();
        SimulationReport report = SeedSweep.run(FIRST_SEED, SEEDS,
                SimulationSetup.DEFAULT.withProfile(LockApplication.FAULTS).withApplication(locks));
        System.out.println("lock simulation: " + report + "; " + locks.stats());
        assertEquals(SEEDS, report.seeds());
        assertTrue(locks.stats().pushedGrants.get() > 0 && locks.stats().takeoversAfterExpiry.get() > 0,
                "the sweep must push grants to waiters and hand expired holders' locks on: " + locks.stats());
    }
}
