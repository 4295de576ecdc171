package io.github.raftkit.core.assembly;

import com.google.inject.Guice;
import com.google.inject.Stage;
import io.github.raftkit.api.RaftConfig;
import io.github.raftkit.api.RaftServer;
import io.github.raftkit.api.statemachine.StateMachine;
import io.github.raftkit.core.runtime.NodePlugins;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.Objects;

/**
 * Builds {@link RaftServer}s: the entry point of raftkit. The transport and stores are found with
 * {@link java.util.ServiceLoader} and picked by the names in the configuration; with a single provider of a kind on
 * the class path, no name is needed. Building checks the choice and starts nothing: call
 * {@link RaftServer#start()} next.
 *
 * <pre>{@code
 * RaftServer server = RaftServers.create(config, new MyStateMachine());
 * server.start().join();
 * }</pre>
 *
 * <p>Stop (or close) every server built here: its threads are not daemons, so that a running member keeps its JVM
 * alive. Thread-safe; each call builds an independent server.
 */
public final class RaftServers {

    private RaftServers() {
    }

    /**
     * A server whose meters go to Micrometer's {@link Metrics#globalRegistry global registry}: add your registry
     * there (Prometheus, JMX...) to see them; with none added they cost next to nothing.
     *
     * @throws io.github.raftkit.api.error.ConfigurationException if a provider the configuration needs is missing
     *     or ambiguous; the message lists the providers found
     */
    public static RaftServer create(RaftConfig config, StateMachine stateMachine) {
        return create(config, stateMachine, Metrics.globalRegistry);
    }

    /**
     * A server whose {@code raft.*} meters, tagged with its group and node, go to {@code registry}.
     *
     * @throws io.github.raftkit.api.error.ConfigurationException if a provider the configuration needs is missing
     *     or ambiguous; the message lists the providers found
     */
    public static RaftServer create(RaftConfig config, StateMachine stateMachine, MeterRegistry registry) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(stateMachine, "stateMachine");
        Objects.requireNonNull(registry, "registry");
        // Selection runs before Guice so that its ConfigurationException reaches the caller as is, not wrapped.
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        NodePlugins plugins = ProviderSelection.discover(config,
                loader != null ? loader : RaftServers.class.getClassLoader());
        return Guice.createInjector(Stage.PRODUCTION, new RaftNodeModule(config, stateMachine, plugins, registry))
                .getInstance(RaftServer.class);
    }
}
