package io.github.raftkit.core.runtime;

import io.github.raftkit.api.RaftConfig;
import io.github.raftkit.api.statemachine.StateMachine;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

/**
 * Everything a member is built from, bound at assembly time. Immutable; the member owns the timer from then on and
 * shuts it down when it stops.
 *
 * @param config the member's validated configuration
 * @param stateMachine the replicated state machine, called from the apply thread only
 * @param plugins the chosen transport and stores
 * @param registry where the member's {@code raft.*} meters go
 * @param clock the monotonic clock that request deadlines are measured with
 * @param threads makes the member's engine loop, storage and apply threads
 * @param timer runs the ticks and the request-timeout sweep; nothing slow may run on it
 */
public record NodeSetup(RaftConfig config, StateMachine stateMachine, NodePlugins plugins, MeterRegistry registry,
                        Clock clock, ThreadFactory threads, ScheduledExecutorService timer) {
    public NodeSetup {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(stateMachine, "stateMachine");
        Objects.requireNonNull(plugins, "plugins");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(threads, "threads");
        Objects.requireNonNull(timer, "timer");
    }

    /** How the member names itself in logs and errors: {@code group/node}. */
    String member() {
        return config.group() + "/" + config.node();
    }
}
