package io.github.raftkit.api.statemachine;

import io.github.raftkit.api.spi.NamedProvider;

/**
 * Makes a named kind of {@link StateMachine} (such as {@code kv} or {@code lock}), registered under
 * {@code META-INF/services/io.github.raftkit.api.statemachine.StateMachineProvider} so that a server can be told which
 * one to run by name.
 */
public interface StateMachineProvider extends NamedProvider {

    /** A new, empty state machine. */
    StateMachine create();
}
