package io.github.raftkit.core.simulation;

import java.util.Optional;

/**
 * Runs consecutive seeds. {@link #run} stops at the first failure and rethrows it (its message names the seed);
 * {@link #firstFailure} is for tests that plant a bug and expect the simulation to catch it.
 */
public final class SeedSweep {
    private SeedSweep() {
    }

    /** A failure the sweep found, and how many seeds it took. */
    public record Caught(SimulationFailure failure, long seedsRun) {
    }

    /** Runs {@code count} seeds from {@code firstSeed}; throws the first {@link SimulationFailure}. */
    public static SimulationReport run(long firstSeed, long count, SimulationSetup setup) {
        SimulationReport report = new SimulationReport();
        long start = System.nanoTime();
        for (long seed = firstSeed; seed < firstSeed + count; seed++) {
            report.add(new Simulation(seed, setup).run());
        }
        report.wallNanos(System.nanoTime() - start);
        return report;
    }

    /** Runs at most {@code maxSeeds} seeds from {@code firstSeed} and returns the first failure, if any. */
    public static Optional<Caught> firstFailure(long firstSeed, long maxSeeds, SimulationSetup setup) {
        for (long seed = firstSeed; seed < firstSeed + maxSeeds; seed++) {
            try {
                new Simulation(seed, setup).run();
            } catch (SimulationFailure failure) {
                return Optional.of(new Caught(failure, seed - firstSeed + 1));
            }
        }
        return Optional.empty();
    }
}
