package io.github.raftkit.server.launch;

import io.github.raftkit.api.statemachine.StateMachine;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a member runs on top of Raft: its state machine and the front ends of its example. Immutable; made before
 * anything starts, so that everything a command line says is checked first.
 *
 * @param stateMachine makes the member's state machine, once, when the member starts
 * @param frontEnds started in this order after the member, stopped in the reverse order before it
 */
public record Application(Supplier<StateMachine> stateMachine, List<FrontEnd> frontEnds) {
    public Application {
        Objects.requireNonNull(stateMachine, "stateMachine");
        frontEnds = List.copyOf(frontEnds);
    }

    /**
     * The state machine that the {@code StateMachineProvider} named {@code name} makes, and no front end.
     *
     * @throws io.github.raftkit.api.error.ConfigurationException if no provider or several have that name
     */
    public static Application named(String name) {
        return new Application(StateMachineProviders.named(name)::create, List.of());
    }
}
