package io.github.raftkit.server.launch;

import io.github.raftkit.api.error.ConfigurationException;
import io.github.raftkit.api.statemachine.StateMachineProvider;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds a {@link StateMachineProvider} by name among those registered in {@code META-INF/services}, the way the
 * framework finds transports and stores, so that a member process is told its state machine by name.
 */
final class StateMachineProviders {
    private StateMachineProviders() {
    }

    /**
     * The one provider called {@code name}.
     *
     * @throws ConfigurationException if none or several are, listing the names found
     */
    static StateMachineProvider named(String name) {
        List<StateMachineProvider> found = all();
        List<StateMachineProvider> named = found.stream().filter(p -> p.name().equals(name)).toList();
        if (named.size() != 1) {
            throw new ConfigurationException("state machine '" + name + "': " + (named.isEmpty()
                    ? "no StateMachineProvider of that name is on the class path"
                    : named.size() + " StateMachineProviders claim that name") + "; found "
                    + found.stream().map(p -> p.name() + " (" + p.getClass().getName() + ")").toList());
        }
        return named.get(0);
    }

    private static List<StateMachineProvider> all() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            return ServiceLoader.load(StateMachineProvider.class,
                    loader != null ? loader : StateMachineProviders.class.getClassLoader())
                    .stream().map(ServiceLoader.Provider::get).toList();
        } catch (ServiceConfigurationError e) {
            throw new ConfigurationException("a StateMachineProvider listed in META-INF/services cannot be loaded: "
                    + e.getMessage());
        }
    }
}
