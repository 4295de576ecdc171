package io.github.raftkit.core.simulation;

import io.github.raftkit.core.engine.RecoveredState;
import java.util.function.UnaryOperator;

/**
 * What a run simulates, apart from its seed: the fault profile, the engines, what a restarting member reads back
 * from storage ({@code recovery}, the identity unless a test plants a storage bug), the members' disks, and the
 * replicated application ({@link SimApplication#REGISTERS} unless a module plugs in its own).
 */
public record SimulationSetup(FaultProfile profile, EngineFactory engines, UnaryOperator<RecoveredState> recovery,
                              DurableMedium.Factory media, SimApplication application) {

    /** The real engine, the real storage model on memory, the sweep's mixed faults, the register application. */
    public static final SimulationSetup DEFAULT =
            new SimulationSetup(FaultProfile.MIXED, EngineFactory.DEFAULT, UnaryOperator.identity());

    /** A setup whose members' disks are memory and whose application is the registers, read through ReadIndex. */
    public SimulationSetup(FaultProfile profile, EngineFactory engines, UnaryOperator<RecoveredState> recovery) {
        this(profile, engines, recovery, DurableMedium.IN_MEMORY, SimApplication.REGISTERS);
    }

    public SimulationSetup withProfile(FaultProfile profile) {
        return new SimulationSetup(profile, engines, recovery, media, application);
    }

    public SimulationSetup withEngines(EngineFactory engines) {
        return new SimulationSetup(profile, engines, recovery, media, application);
    }

    /**
     * Keeps each member's durable state on the medium {@code media} opens for it (one medium per member and run), in
     * place of memory: writes still complete, crash and tear as the storage model decides.
     */
    public SimulationSetup withDurableMedium(DurableMedium.Factory media) {
        return new SimulationSetup(profile, engines, recovery, media, application);
    }

    public SimulationSetup withRecovery(UnaryOperator<RecoveredState> recovery) {
        return new SimulationSetup(profile, engines, recovery, media, application);
    }

    /** Runs {@code application} in place of the registers: its state machine on every member, its clients. */
    public SimulationSetup withApplication(SimApplication application) {
        return new SimulationSetup(profile, engines, recovery, media, application);
    }

    /** The register application, its leaders serving reads the way {@code readPath} says. */
    public SimulationSetup withReadPath(ReadPath readPath) {
        return withApplication(SimApplication.registers(readPath));
    }
}
