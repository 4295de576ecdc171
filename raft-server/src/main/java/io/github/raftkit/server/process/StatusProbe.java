package io.github.raftkit.server.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.raftkit.api.Endpoint;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Asks a member's admin HTTP port, as an operator's script would: {@code /status} as JSON (its fields are in
 * {@code docs/server.md}) and the status code of {@code /health}. A member that does not answer (it is down, or still
 * starting) gives empty. Thread-safe.
 */
public final class StatusProbe {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    /** The member's {@code /status} document, if it answers 200. */
    public Optional<JsonNode> status(Endpoint admin) {
        return send(admin, "/status", HttpResponse.BodyHandlers.ofString())
                .filter(response -> response.statusCode() == 200)
                .flatMap(response -> {
                    try {
                        return Optional.of(JSON.readTree(response.body()));
                    } catch (IOException e) {
                        return Optional.empty();
                    }
                });
    }

    /** The status code of the member's {@code /health}: 200 while it knows a leader, 503 otherwise. */
    public Optional<Integer> health(Endpoint admin) {
        return send(admin, "/health", HttpResponse.BodyHandlers.discarding()).map(HttpResponse::statusCode);
    }

    private <T> Optional<HttpResponse<T>> send(Endpoint admin, String path, HttpResponse.BodyHandler<T> body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + admin + path))
                .timeout(Duration.ofSeconds(2)).GET().build();
        try {
            return Optional.of(http.send(request, body));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
