package io.github.raftkit.core.simulation;

import io.github.raftkit.core.engine.RecoveredState;
import java.util.function.UnaryOperator;

/**
 * What a run simulates, apart from its seed: the fault profile, the engines, what a restarting member reads back
 * from storage ({@code recovery}, the identity unless a test plants a storage bug), and how a leader serves reads
 * ({@code readPath}, ReadIndex unless a test plants the stale-read bug).
 */
public record SimulationSetup(FaultProfile profile, EngineFactory engines, UnaryOperator<RecoveredState> recovery,
                              DurableMedium.Factory media, ReadPath readPath) {

    /** The real engine, the real storage model on memory, the sweep's mixed faults, reads through ReadIndex. */
    public static final SimulationSetup DEFAULT =
            new SimulationSetup(FaultProfile.MIXED, EngineFactory.DEFAULT, UnaryOperator.identity());

    /** A setup whose members' disks are memory and whose leaders read through ReadIndex. */
    public SimulationSetup(FaultProfile profile, EngineFactory engines, UnaryOperator<RecoveredState> recovery) {
        this(profile, engines, recovery, DurableMedium.IN_MEMORY, ReadPath.READ_INDEX);
    }

    public SimulationSetup withProfile(FaultProfile profile) {
        return new SimulationSetup(profile, engines, recovery, media, readPath);
    }

    public SimulationSetup withEngines(EngineFactory engines) {
        return new SimulationSetup(profile, engines, recovery, media, readPath);
    }

    /**
     * Keeps each member's durable state on the medium {@code media} opens for it (one medium per member and run), in
     * place of memory: writes still complete, crash and tear as the storage model decides.
     */
    public SimulationSetup withDurableMedium(DurableMedium.Factory media) {
        return new SimulationSetup(profile, engines, recovery, media, readPath);
    }

    public SimulationSetup withRecovery(UnaryOperator<RecoveredState> recovery) {
        return new SimulationSetup(profile, engines, recovery, media, readPath);
    }

    public SimulationSetup withReadPath(ReadPath readPath) {
        return new SimulationSetup(profile, engines, recovery, media, readPath);
    }
}
