package io.github.raftkit.core.simulation;

import io.github.raftkit.core.engine.RecoveredState;
import java.util.function.UnaryOperator;

/**
 * What a run simulates, apart from its seed: the fault profile, the engines, and what a restarting member reads back
 * from storage ({@code recovery}, the identity unless a test plants a storage bug).
 */
public record SimulationSetup(FaultProfile profile, EngineFactory engines, UnaryOperator<RecoveredState> recovery) {

    /** The real engine, the real storage model, the sweep's mixed faults. */
    public static final SimulationSetup DEFAULT =
            new SimulationSetup(FaultProfile.MIXED, EngineFactory.DEFAULT, UnaryOperator.identity());

    public SimulationSetup withProfile(FaultProfile profile) {
        return new SimulationSetup(profile, engines, recovery);
    }

    public SimulationSetup withEngines(EngineFactory engines) {
        return new SimulationSetup(profile, engines, recovery);
    }

    public SimulationSetup withRecovery(UnaryOperator<RecoveredState> recovery) {
        return new SimulationSetup(profile, engines, recovery);
    }
}
