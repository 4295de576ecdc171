package io.github.raftkit.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.raftkit.api.Endpoint;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Option;

/**
 * The members' admin HTTP ports, which {@code status} and {@code members} ask, since a {@code RaftClient} has no
 * status call. Every member is asked at once, so that a dead one costs one timeout, not one each.
 */
final class AdminEndpoints {
    @Option(names = "--http-endpoints", paramLabel = "HOST:PORT", split = ",",
            defaultValue = "127.0.0.1:8081,127.0.0.1:8082,127.0.0.1:8083",
            description = "Admin HTTP ports of the members. Default: ${DEFAULT-VALUE}.")
    List<Endpoint> endpoints;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2s",
            description = "How long to wait for each member (500ms, 5s). Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    /** Each member's report, in the order of {@code --http-endpoints}. */
    List<MemberReport> ask() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
        List<CompletableFuture<MemberReport>> reports = endpoints.stream().map(endpoint -> ask(http, endpoint))
                .toList();
        return reports.stream().map(CompletableFuture::join).toList();
    }

    private CompletableFuture<MemberReport> ask(HttpClient http, Endpoint endpoint) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + endpoint + "/status"))
                .timeout(timeout).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> report(endpoint, response))
                .exceptionally(failure -> new MemberReport.Unreachable(endpoint, reason(failure)));
    }

    private static MemberReport report(Endpoint endpoint, HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            return new MemberReport.Unreachable(endpoint, "HTTP " + response.statusCode());
        }
        try {
            return new MemberReport.Answered(endpoint, Printer.JSON.readTree(response.body()));
        } catch (JsonProcessingException e) {
            return new MemberReport.Unreachable(endpoint, "not a status document: " + e.getOriginalMessage());
        }
    }

    private static String reason(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof ConnectException) {
            return "cannot connect"; // the JDK's client leaves the message empty
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
