package io.github.raftkit.core.simulation;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.statemachine.StateMachine;

/**
 * The simulation's own application: registers that clients write and read ({@link RegisterStateMachine},
 * {@link RegisterWorkload}), their history checked for linearizability at the end of every run. {@code readPath}
 * says how a member that believes it leads serves a read; only a test that plants the stale-read bug changes it.
 */
record RegisterApplication(ReadPath readPath) implements SimApplication {

    @Override
    public StateMachine newStateMachine(NodeId member) {
        return new RegisterStateMachine();
    }

    @Override
    public SimWorkload newWorkload(SimCluster cluster) {
        return new RegisterWorkload(cluster, readPath);
    }
}
