package io.github.raftkit.server.admin;

import io.github.raftkit.api.ServerStatus;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * What each admin path answers. Knows nothing of HTTP connections, so it is tested without a socket.
 *
 * <p><b>Threading.</b> Thread-safe: it reads the member's status (cheap, never blocks) and scrapes the registry.
 */
public final class AdminRoutes {
    /** Prometheus's text exposition format, the one {@link PrometheusMeterRegistry#scrape()} writes. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final Supplier<ServerStatus> status;
    private final PrometheusMeterRegistry registry;

    public AdminRoutes(Supplier<ServerStatus> status, PrometheusMeterRegistry registry) {
        this.status = status;
        this.registry = registry;
    }

    /** The answer to a GET of {@code uri}; a query string is ignored. */
    AdminResponse get(String uri) {
        String path = new QueryStringDecoder(uri).path();
        return switch (path) {
            case "/health" -> health();
            case "/status" -> AdminResponse.json(StatusJson.render(status.get()));
            case "/metrics" -> new AdminResponse(HttpResponseStatus.OK, PROMETHEUS_TEXT,
                    registry.scrape().getBytes(StandardCharsets.UTF_8));
            default -> AdminResponse.text(HttpResponseStatus.NOT_FOUND,
                    "not found: " + path + " (try /health, /status or /metrics)");
        };
    }

    private AdminResponse health() {
        Health health = Health.of(status.get());
        return AdminResponse.text(health.healthy() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                health.reason());
    }
}
