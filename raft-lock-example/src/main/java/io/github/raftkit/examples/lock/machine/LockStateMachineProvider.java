package io.github.raftkit.examples.lock.machine;

import io.github.raftkit.api.statemachine.StateMachine;
import io.github.raftkit.api.statemachine.StateMachineProvider;

/** Registers the lock service under the name {@code lock}. */
public final class LockStateMachineProvider implements StateMachineProvider {

    @Override
    public String name() {
        return "lock";
    }

    @Override
    public StateMachine create() {
        return new LockStateMachine();
    }
}
