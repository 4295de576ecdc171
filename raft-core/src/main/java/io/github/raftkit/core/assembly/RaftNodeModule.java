package io.github.raftkit.core.assembly;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.github.raftkit.api.RaftConfig;
import io.github.raftkit.api.RaftServer;
import io.github.raftkit.api.statemachine.StateMachine;
import io.github.raftkit.core.runtime.NodePlugins;
import io.github.raftkit.core.runtime.NodeSetup;
import io.github.raftkit.core.runtime.RaftNode;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

/**
 * Binds what one member is built from: its configuration, state machine, chosen providers, meter registry, clock
 * and threads, and the {@link RaftServer} made of them. One injector per member; used at build time only.
 */
final class RaftNodeModule extends AbstractModule {
    private final RaftConfig config;
    private final StateMachine stateMachine;
    private final NodePlugins plugins;
    private final MeterRegistry registry;

    RaftNodeModule(RaftConfig config, StateMachine stateMachine, NodePlugins plugins, MeterRegistry registry) {
        this.config = config;
        this.stateMachine = stateMachine;
        this.plugins = plugins;
        this.registry = registry;
    }

    @Override
    protected void configure() {
        bind(RaftConfig.class).toInstance(config);
        bind(StateMachine.class).toInstance(stateMachine);
        bind(NodePlugins.class).toInstance(plugins);
        bind(MeterRegistry.class).toInstance(registry);
        // Request deadlines use the registry's clock, so that one clock stands behind both timeouts and timers.
        bind(Clock.class).toInstance(registry.config().clock());
    }

    /** Names every thread of the member after its group and node, so a thread dump says whose thread it is. */
    @Provides
    @Singleton
    ThreadFactory threads(RaftConfig config) {
        String prefix = "raft-" + config.group() + "-" + config.node();
        return runnable -> new Thread(runnable, prefix);
    }

    @Provides
    @Singleton
    ScheduledExecutorService timer(ThreadFactory threads) {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = threads.newThread(runnable);
            thread.setName(thread.getName() + "-timer");
            return thread;
        });
    }

    @Provides
    @Singleton
    NodeSetup setup(RaftConfig config, StateMachine stateMachine, NodePlugins plugins, MeterRegistry registry,
                    Clock clock, ThreadFactory threads, ScheduledExecutorService timer) {
        return new NodeSetup(config, stateMachine, plugins, registry, clock, threads, timer);
    }

    @Provides
    @Singleton
    RaftServer server(NodeSetup setup) {
        return new RaftNode(setup);
    }
}
