package io.github.raftkit.core.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A seed is a complete description of a run: replaying it gives the same trace, and other seeds give other traces. */
class SimulationReplayTest {

    @Test
    void sameSeedReplaysTheSameTrace() {
        for (long seed = 1; seed <= 3; seed++) {
            SimulationResult first = new Simulation(seed, SimulationSetup.DEFAULT).run();
            SimulationResult again = new Simulation(seed, SimulationSetup.DEFAULT).run();

            assertEquals(first.traceHash(), again.traceHash(), "seed " + seed);
            assertEquals(first.stats().toString(), again.stats().toString(), "seed " + seed);
        }
    }

    @Test
    void differentSeedsGiveDifferentTraces() {
        Set<Long> hashes = new HashSet<>();
        for (long seed = 1; seed <= 10; seed++) {
            hashes.add(new Simulation(seed, SimulationSetup.DEFAULT).run().traceHash());
        }
        assertEquals(10, hashes.size());
    }

    @Test
    void aNeighbouringSeedDiverges() {
        assertNotEquals(new Simulation(7, SimulationSetup.DEFAULT).run().traceHash(),
                new Simulation(8, SimulationSetup.DEFAULT).run().traceHash());
    }
}
