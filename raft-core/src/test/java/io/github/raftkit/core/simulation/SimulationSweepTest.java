package io.github.raftkit.core.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The seed sweep: {@code raftkit.simulation.seeds} runs with faults (1,000 by default, 100,000 with
 * {@code -Psimulation}), each checked after every event, from seed 1 or {@code raftkit.simulation.firstSeed} (to shard
 * long runs). A failure names its seed; {@code -Draftkit.simulation.seed=N} then runs that seed alone, and
 * {@code -Draftkit.simulation.traceLines=N} shows more of its trace.
 */
class SimulationSweepTest {
    private static final String SEEDS = "raftkit.simulation.seeds";
    private static final String SEED = "raftkit.simulation.seed";
    private static final String FIRST_SEED = "raftkit.simulation.firstSeed";

    @Test
    void everySeedKeepsEveryInvariant() {
        String single = System.getProperty(SEED);
        long first = single == null ? Long.getLong(FIRST_SEED, 1) : Long.parseLong(single.trim());
        long count = single == null ? Long.getLong(SEEDS, 1000) : 1;

        SimulationReport report = SeedSweep.run(first, count, SimulationSetup.DEFAULT);

        System.out.println(report);
        assertEquals(count, report.seeds());
        assertTrue(report.totals().crashes() > 0, "the sweep must crash members");
        assertTrue(report.totals().writesAcknowledged() > 0, "the sweep must acknowledge writes");
        if (count >= 100) {
            assertTrue(report.totals().snapshotsTaken() > 0, "the sweep must take snapshots");
            assertTrue(report.totals().snapshotsInstalled() > 0, "the sweep must install snapshots");
        }
    }
}
