package io.github.raftkit.core.simulation;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.statemachine.StateMachine;

/**
 * The replicated application a simulation runs: the state machine every member applies committed entries to, and the
 * clients that use it. Give one to {@link SimulationSetup#withApplication}; the default is the register application,
 * whose clients write and read registers and whose history is checked for linearizability.
 *
 * <p>The state machine is a real one: the simulation drives it by its contract (one {@code apply} per committed
 * command, {@code snapshot} and a later {@code writeTo}, {@code restore} at start-up and on an installed snapshot) and
 * drives {@link io.github.raftkit.api.statemachine.LeaderDuties} in simulated time. A setup is shared by every run of
 * a sweep, so per-run state belongs in the {@link SimWorkload}.
 */
public interface SimApplication {

    /** The register application, its leaders serving reads through ReadIndex. */
    SimApplication REGISTERS = registers(ReadPath.READ_INDEX);

    /** The register application, its leaders serving reads the way {@code readPath} says. */
    static SimApplication registers(ReadPath readPath) {
        return new RegisterApplication(readPath);
    }

    /** A new, empty state machine for {@code member}, which starts or restarts. */
    StateMachine newStateMachine(NodeId member);

    /**
     * This run's clients and checks, made once per run before any member starts. {@code cluster} is usable from
     * {@link SimWorkload#start} on.
     */
    SimWorkload newWorkload(SimCluster cluster);

    /** The command that replays run {@code seed} of this application alone, for failure reports. */
    default String replayCommand(long seed) {
        return "./mvnw -pl raft-core test -Dtest=SimulationSweepTest -Draftkit.simulation.seed=" + seed;
    }
}
