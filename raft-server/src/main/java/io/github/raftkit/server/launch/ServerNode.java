package io.github.raftkit.server.launch;

import io.github.raftkit.api.RaftServer;
import io.github.raftkit.core.assembly.RaftServers;
import io.github.raftkit.server.admin.AdminHttpServer;
import io.github.raftkit.server.admin.AdminRoutes;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running member: its {@link RaftServer} over {@code netty} and {@code file}, the meter registry that
 * {@code /metrics} shows, the admin HTTP server, and the front ends of its example, each on a port of its own.
 *
 * <p><b>Threading.</b> {@link #start} runs on the caller's thread; {@link #close} may run on any thread (the shutdown
 * hook's, typically), more than once, and stops the front ends before the server, so that none of them serves a
 * request on a member that is already gone.
 */
public final class ServerNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerNode.class);

    private final NodeSettings settings;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final RaftServer server;
    private final Deque<AutoCloseable> frontEnds = new ArrayDeque<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    private ServerNode(MemberPlan plan) {
        this.settings = plan.settings();
        // Cheap JVM meters beside the raft.* ones, so that one scrape shows a member's heap and threads too.
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        this.server = RaftServers.create(settings.raftConfig(), plan.application().stateMachine().get(), registry);
    }

    /**
     * Starts the member, its admin HTTP server and its front ends; on failure stops whatever had started.
     *
     * @throws io.github.raftkit.api.error.ConfigurationException if the framework refuses the configuration
     */
    public static ServerNode start(MemberPlan plan) {
        ServerNode node = new ServerNode(plan);
        NodeSettings settings = plan.settings();
        try {
            node.server.start().join();
            node.frontEnds.push(AdminHttpServer.start(settings.httpAddress(),
                    new AdminRoutes(node.server::status, node.registry)));
            for (FrontEnd frontEnd : plan.application().frontEnds()) {
                node.frontEnds.push(frontEnd.start(settings, node.server, node.registry));
            }
        } catch (RuntimeException e) {
            node.close();
            throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        LOG.info("{} serves Raft and clients at {}, admin HTTP on port {}, data in {}", settings.node(),
                settings.raftEndpoint(), settings.httpPort(), settings.dataDir().toAbsolutePath());
        return node;
    }

    /** Blocks until {@link #close} has finished. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /** Stops the front ends and admin HTTP, then the member (which closes its storage), then the meters. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed.getCount() == 0) {
            return;
        }
        while (!frontEnds.isEmpty()) {
            try {
                frontEnds.pop().close();
            } catch (Exception e) {
                LOG.warn("{}: a front end failed to stop: {}", settings.node(), e.toString());
            }
        }
        server.close();
        registry.close();
        LOG.info("{} stopped", settings.node());
        closed.countDown();
    }
}
