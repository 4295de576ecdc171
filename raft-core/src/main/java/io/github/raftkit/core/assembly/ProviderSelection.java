package io.github.raftkit.core.assembly;

import io.github.raftkit.api.RaftConfig;
import io.github.raftkit.api.error.ConfigurationException;
import io.github.raftkit.api.spi.ClientTransportProvider;
import io.github.raftkit.api.spi.LogStoreProvider;
import io.github.raftkit.api.spi.MetadataStoreProvider;
import io.github.raftkit.api.spi.NamedProvider;
import io.github.raftkit.api.spi.SnapshotStoreProvider;
import io.github.raftkit.api.spi.TransportProvider;
import io.github.raftkit.core.runtime.NodePlugins;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Picks one provider of each kind: the one a configuration names, or, when it names none, the only one found. A
 * name that matches nothing, or that several providers claim, and an unnamed kind with no provider or several, fail
 * with a {@link ConfigurationException} that names the configuration field and lists every provider found. Called
 * once per server, on the thread that builds it.
 */
final class ProviderSelection {

    private ProviderSelection() {
    }

    /** The providers {@code config} asks for, among those {@link ServiceLoader} finds through {@code loader}. */
    static NodePlugins discover(RaftConfig config, ClassLoader loader) {
        TransportProvider transport = select("transport", TransportProvider.class, config.transport(),
                load(TransportProvider.class, loader));
        return new NodePlugins(transport,
                select("logStore", LogStoreProvider.class, config.logStore(), load(LogStoreProvider.class, loader)),
                select("metadataStore", MetadataStoreProvider.class, config.metadataStore(),
                        load(MetadataStoreProvider.class, loader)),
                select("snapshotStore", SnapshotStoreProvider.class, config.snapshotStore(),
                        load(SnapshotStoreProvider.class, loader)),
                load(ClientTransportProvider.class, loader).stream()
                        .filter(client -> client.name().equals(transport.name())).findFirst());
    }

    /**
     * The provider among {@code found} that {@code name} picks for the configuration field {@code field}, or the
     * only one found when no name is given.
     */
    static <P extends NamedProvider> P select(String field, Class<P> kind, Optional<String> name, List<P> found) {
        List<P> candidates = name
                .map(wanted -> found.stream().filter(p -> p.name().equals(wanted)).toList())
                .orElse(found);
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        String problem;
        if (name.isPresent()) {
            problem = candidates.isEmpty()
                    ? "names the " + kind.getSimpleName() + " '" + name.get() + "', which is not on the class path"
                    : "names the " + kind.getSimpleName() + " '" + name.get() + "', which " + candidates.size()
                            + " providers claim";
        } else {
            problem = found.isEmpty()
                    ? "is not set, and no " + kind.getSimpleName() + " is on the class path (add a plugin that lists"
                            + " one in META-INF/services/" + kind.getName() + ")"
                    : "is not set, and " + found.size() + " " + kind.getSimpleName()
                            + "s are on the class path, so it must name one";
        }
        throw new ConfigurationException("invalid configuration: " + field + " " + problem + "; found "
                + describe(found));
    }

    static <P extends NamedProvider> List<P> load(Class<P> kind, ClassLoader loader) {
        try {
            return ServiceLoader.load(kind, loader).stream().map(ServiceLoader.Provider::get).toList();
        } catch (ServiceConfigurationError e) {
            throw new ConfigurationException("invalid class path: a " + kind.getSimpleName()
                    + " listed in META-INF/services cannot be loaded: " + e.getMessage());
        }
    }

    private static String describe(List<? extends NamedProvider> found) {
        return found.isEmpty() ? "none" : found.stream()
                .map(p -> "'" + p.name() + "' (" + p.getClass().getName() + ")")
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
