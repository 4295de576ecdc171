package io.github.raftkit.examples.kv.server;

import io.github.raftkit.api.RaftServer;
import io.github.raftkit.core.assembly.RaftClients;
import io.github.raftkit.core.assembly.RaftServers;
import io.github.raftkit.examples.kv.client.KvClient;
import io.github.raftkit.examples.kv.resp.RespServer;
import io.github.raftkit.examples.kv.resp.RespSettings;
import io.github.raftkit.examples.kv.store.KvStore;
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
 * One running member of the key-value store: its {@link RaftServer} over {@code netty} and {@code file}, the meter
 * registry that {@code /metrics} shows, and the front ends that serve people and tools on ports of their own.
 *
 * <p><b>Threading.</b> {@link #start} runs on the caller's thread; {@link #close} may run on any thread (the shutdown
 * hook's, typically), more than once, and stops the front ends before the server, so that none of them serves a
 * request on a member that is already gone.
 */
public final class KvNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KvNode.class);

    private final NodeSettings settings;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final RaftServer server;
    private final Deque<AutoCloseable> frontEnds = new ArrayDeque<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    private KvNode(NodeSettings settings) {
        this.settings = settings;
        // Cheap JVM meters beside the raft.* ones, so that one scrape shows a member's heap and threads too.
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        this.server = RaftServers.create(settings.raftConfig(), new KvStore(settings.limits()), registry);
    }

    /**
     * Starts the member and its front ends; on failure stops whatever had started.
     *
     * @throws io.github.raftkit.api.error.ConfigurationException if the framework refuses the configuration
     */
    public static KvNode start(NodeSettings settings) {
        KvNode node = new KvNode(settings);
        try {
            node.server.start().join();
            node.startFrontEnds();
        } catch (RuntimeException e) {
            node.close();
            throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        LOG.info("{} serves Raft and clients at {}, Redis on port {}, admin HTTP on port {}, data in {}",
                settings.node(), settings.raftEndpoint(), settings.respPort(), settings.httpPort(),
                settings.dataDir().toAbsolutePath());
        return node;
    }

    /** The servers that face people and tools; {@link #close} stops them in reverse order, before the member. */
    private void startFrontEnds() {
        frontEnds.push(AdminHttpServer.start(settings.httpAddress(), new AdminRoutes(server::status, registry)));
        KvClient local = new KvClient(RaftClients.inProcess(server, settings.frontEndClientConfig(), registry),
                settings.limits());
        frontEnds.push(local);
        RespServer resp = new RespServer(local, server::status, RespSettings.DEFAULT);
        frontEnds.push(resp);
        resp.start(settings.respAddress());
    }

    /** Blocks until {@link #close} has finished. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /** Stops the front ends, then the member (which closes its storage), then the meters. Idempotent. */
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
