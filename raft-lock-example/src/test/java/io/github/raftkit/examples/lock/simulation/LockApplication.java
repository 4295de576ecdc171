package io.github.raftkit.examples.lock.simulation;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.statemachine.StateMachine;
import io.github.raftkit.core.simulation.FaultProfile;
import io.github.raftkit.core.simulation.SimApplication;
import io.github.raftkit.core.simulation.SimCluster;
import io.github.raftkit.core.simulation.SimWorkload;
import io.github.raftkit.core.simulation.SimulationConfig;
import io.github.raftkit.examples.lock.machine.LockStateMachine;
import java.time.Duration;

/** The lock service in raftkit's simulation: the real {@link LockStateMachine} and {@link LockWorkload}'s clients. */
final class LockApplication implements SimApplication {
    /**
     * The sweep's mixed faults, with snapshot chunks 64 times larger: a lock table's snapshot is a few hundred bytes
     * where the registers' is a few dozen, and at a dozen bytes a chunk its transfer outlasts the final calm.
     */
    static final FaultProfile FAULTS = random -> {
        SimulationConfig config = SimulationConfig.mixed(random);
        SimulationConfig.SnapshotShape shape = config.snapshots();
        return config.withSnapshots(new SimulationConfig.SnapshotShape(shape.entriesBetween(),
                shape.trailingEntries(), shape.chunkBytes() * 64, shape.minTakeMillis(), shape.maxTakeMillis()));
    };

    /** The leader looks for expired sessions every 50 simulated milliseconds. */
    private static final Duration EXPIRY_CHECK = Duration.ofMillis(50);

    private final LockStats stats = new LockStats();

    /** What every run of this application so far went through. */
    LockStats stats() {
        return stats;
    }

    @Override
    public StateMachine newStateMachine(NodeId member) {
        return new LockStateMachine(EXPIRY_CHECK);
    }

    @Override
    public String replayCommand(long seed) {
        return "./mvnw -pl raft-lock-example -am verify -Dtest=LockSimulationTest"
                + " -Dsurefire.failIfNoSpecifiedTests=false -Draftkit.lock.simulation.firstSeed=" + seed
                + " -Draftkit.lock.simulation.seeds=1";
    }

    @Override
    public SimWorkload newWorkload(SimCluster cluster) {
        return new LockWorkload(cluster, stats);
    }
}
