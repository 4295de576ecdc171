package io.github.raftkit.examples.kv.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Reads a member's role, term and indexes from its HTTP {@code /status}, as an operator's script would. */
final class StatusProbe {
    /** What the demo needs of a member's status. */
    record Status(String role, long term, long commitIndex, long appliedIndex) {
        boolean leading() {
            return role.equalsIgnoreCase("leader");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    /** The member's status, or empty if it does not answer (it is down, or still starting). */
    Optional<Status> status(DemoMember member) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + DemoMember.HOST + ":" + member.httpPort()
                + "/status")).timeout(Duration.ofSeconds(1)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            JsonNode json = JSON.readTree(response.body());
            return Optional.of(new Status(json.path("role").asText(), json.path("term").asLong(),
                    json.path("commitIndex").asLong(), json.path("appliedIndex").asLong()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
