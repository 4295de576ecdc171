package io.github.raftkit.server.launch;

import io.github.raftkit.api.RaftServer;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A server that an example runs in a member's process beside Raft and admin HTTP, such as the key-value store's
 * Redis-protocol port. Usually a record of the settings it was given on the command line, so that a test can compare
 * what a command line stands for.
 *
 * <p><b>Threading.</b> {@link #start} is called once, on the thread that starts the member, after the member has
 * started; the handle it returns is closed once, on the thread that stops the member (a shutdown hook's, typically),
 * before the member stops.
 */
@FunctionalInterface
public interface FrontEnd {

    /**
     * Starts serving; closing the result stops it. On failure it stops whatever it had started and throws, and the
     * member is stopped.
     *
     * @param settings the member's settings: its host ({@link NodeSettings#address}) and how its own front ends reach
     *     the group ({@link NodeSettings#frontEndClientConfig})
     * @param server the running member, for {@code RaftClients.inProcess} and {@link RaftServer#status()}
     * @param registry the meters that {@code /metrics} shows
     */
    AutoCloseable start(NodeSettings settings, RaftServer server, MeterRegistry registry);
}
