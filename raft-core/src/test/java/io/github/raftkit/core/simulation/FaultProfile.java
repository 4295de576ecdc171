package io.github.raftkit.core.simulation;

import java.util.Random;

/**
 * Chooses a run's {@link SimulationConfig} from the run's own seeded {@link Random}, so that the seed alone decides
 * everything about the run.
 */
@FunctionalInterface
public interface FaultProfile {

    /** The sweep's profile: cluster size, engine options and fault rates vary from seed to seed. */
    FaultProfile MIXED = SimulationConfig::mixed;

    SimulationConfig configure(Random random);
}
