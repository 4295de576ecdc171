package io.github.raftkit.core.simulation;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.statemachine.StateMachine;

/**
 * A fixture application whose only commands come from leader duties ({@link BeaconStateMachine}): it shows that the
 * simulation runs an application other than its registers, and drives {@link io.github.raftkit.api.statemachine.LeaderDuties}
 * by their contract under the sweep's faults. Its {@link Tally} counts, over every run of the setup, how often each
 * path of the contract was taken, so that a test can tell the paths were exercised at all.
 */
final class BeaconApplication implements SimApplication {

    /** Counts over all runs; the simulation is single-threaded, and so is a sweep. */
    static final class Tally {
        long started;
        long stopped;
        long acknowledged;
        long refused;
    }

    private final Tally tally = new Tally();
    private final boolean honoursLeaderStopped;

    /** {@code honoursLeaderStopped} false plants a bug in the state machine: its duties outlive leadership. */
    BeaconApplication(boolean honoursLeaderStopped) {
        this.honoursLeaderStopped = honoursLeaderStopped;
    }

    Tally tally() {
        return tally;
    }

    @Override
    public StateMachine newStateMachine(NodeId member) {
        return new BeaconStateMachine(member, tally, honoursLeaderStopped);
    }

    @Override
    public SimWorkload newWorkload(SimCluster cluster) {
        return new BeaconWorkload(cluster);
    }
}
