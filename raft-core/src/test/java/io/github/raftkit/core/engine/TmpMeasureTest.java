package io.github.raftkit.core.engine;

import io.github.raftkit.api.spi.PersistentState;
import io.github.raftkit.core.engine.replication.CommitRule;
import io.github.raftkit.core.simulation.FaultProfile;
import io.github.raftkit.core.simulation.SeedSweep;
import io.github.raftkit.core.simulation.SimulationConfig;
import io.github.raftkit.core.simulation.SimulationSetup;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TmpMeasureTest {
    static void measure(String name, SimulationSetup setup, int seeds) {
        List<Long> caught = new ArrayList<>();
        java.util.Map<String, Integer> inv = new java.util.TreeMap<>();
        long t = System.nanoTime();
        for (long s = 1; s <= seeds; s++) {
            var c = SeedSweep.firstFailure(s, 1, setup);
            if (c.isPresent()) { caught.add(s); inv.merge(c.get().failure().invariant().toString(), 1, Integer::sum); }
        }
        System.out.println(name + ": " + caught.size() + "/" + seeds + " seeds fail " + inv + " in " + (System.nanoTime() - t) / 1_000_000 + " ms; first " + caught.subList(0, Math.min(20, caught.size())));
    }

    @Test
    void measure() {
        CommitRule bug = (q, c, log, term) -> Math.max(q, c);
        measure("fig8-mixed", SimulationSetup.DEFAULT.withEngines((c, r, x) -> new RaftEngine(c, r, x, bug)), 200);
        java.util.function.UnaryOperator<RecoveredState> amnesia = r -> new RecoveredState(new PersistentState(r.state().term(), Optional.empty()), r.log());
        FaultProfile v3 = random -> SimulationConfig.mixed(random).withNodes(3)
            .withEngine(new SimulationConfig.EngineShape(2, 10, 12, false, false, 4, 1 << 20, 2))
            .withNetwork(new SimulationConfig.NetworkFaults(0.05, 0.05, 5, 30, 0.1, 300))
            .withPartitions(new SimulationConfig.PartitionFaults(20, 10, 100))
            .withCrashes(new SimulationConfig.CrashFaults(10, 0.0, 1, 5)).withFaultTicks(3000);
        measure("vote-v3", SimulationSetup.DEFAULT.withProfile(v3).withRecovery(amnesia), 60);
        FaultProfile v4 = random -> SimulationConfig.mixed(random).withNodes(3)
            .withEngine(new SimulationConfig.EngineShape(2, 10, 12, false, false, 4, 1 << 20, 2))
            .withNetwork(new SimulationConfig.NetworkFaults(0.0, 0.3, 5, 30, 0.3, 200))
            .withPartitions(new SimulationConfig.PartitionFaults(20, 10, 100))
            .withCrashes(new SimulationConfig.CrashFaults(10, 0.0, 1, 5)).withFaultTicks(3000);
        measure("vote-v4", SimulationSetup.DEFAULT.withProfile(v4).withRecovery(amnesia), 60);
    }
}
