package io.github.raftkit.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.Membership;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.Role;
import io.github.raftkit.api.ServerStatus;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin server on a real loopback port, over statuses made up for each case. */
class AdminHttpServerTest {
    /** A leader of term 7 whose follower n2 is 3 entries behind; n"1 checks the escaping of ids. */
    private static final Membership MEMBERS = Membership.builder()
            .add("n\"1", "127.0.0.1:7001").add("n2", "127.0.0.1:7002").add("n3", "127.0.0.1:7003").build();
    private static final ServerStatus LEADER = new ServerStatus(NodeId.of("n\"1"), GroupId.DEFAULT, Role.LEADER, 7,
            Optional.of(NodeId.of("n\"1")), 40, 39, 42, MEMBERS, Map.of(NodeId.of("n2"), 39L, NodeId.of("n3"), 42L));
    private static final ServerStatus CANDIDATE = new ServerStatus(NodeId.of("n2"), GroupId.DEFAULT, Role.CANDIDATE,
            8, Optional.empty(), 40, 40, 42, MEMBERS, Map.of());

    private final AtomicReference<ServerStatus> status = new AtomicReference<>(LEADER);
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HttpClient http = HttpClient.newHttpClient();
    private AdminHttpServer server;

    @BeforeEach
    void start() {
        registry.counter("raft.elections").increment();
        server = AdminHttpServer.start(new InetSocketAddress("127.0.0.1", 0), new AdminRoutes(status::get, registry));
    }

    @AfterEach
    void stop() {
        server.close();
        registry.close();
    }

    @Test
    void healthIsOkWhileALeaderIsKnown() throws Exception {
        HttpResponse<String> response = get("/health");

        assertEquals(200, response.statusCode());
        assertEquals("ok\n", response.body());
    }

    @Test
    void healthIsUnavailableWithTheReasonWhileNoLeaderIsKnown() throws Exception {
        status.set(CANDIDATE);

        HttpResponse<String> response = get("/health");

        assertEquals(503, response.statusCode());
        assertEquals("n2 knows no leader in term 8 (it is candidate)\n", response.body());
    }

    @Test
    void statusAtALeaderShowsEachFollowersMatchIndexAndLag() throws Exception {
        HttpResponse<String> response = get("/status");

        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
        JsonNode json = new ObjectMapper().readTree(response.body());
        assertEquals("n\"1", json.get("id").asText());
        assertEquals("default", json.get("group").asText());
        assertEquals("LEADER", json.get("role").asText());
        assertEquals(7, json.get("term").asLong());
        assertEquals("n\"1", json.get("leader").asText());
        assertEquals(40, json.get("commitIndex").asLong());
        assertEquals(39, json.get("appliedIndex").asLong());
        assertEquals(42, json.get("lastLogIndex").asLong());
        JsonNode members = json.get("members");
        assertEquals(3, members.size());
        assertEquals("127.0.0.1:7001", members.get(0).get("address").asText());
        assertFalse(members.get(0).has("matchIndex"), "the leader itself has no match index");
        assertEquals(39, members.get(1).get("matchIndex").asLong());
        assertEquals(3, members.get(1).get("lag").asLong());
        assertEquals(0, members.get(2).get("lag").asLong());
    }

    @Test
    void statusAwayFromALeaderHasANullLeaderAndNoProgress() throws Exception {
        status.set(CANDIDATE);

        JsonNode json = new ObjectMapper().readTree(get("/status").body());

        assertTrue(json.get("leader").isNull());
        json.get("members").forEach(member -> assertFalse(member.has("matchIndex")));
    }

    @Test
    void metricsArePrometheusTextOfTheRegistry() throws Exception {
        HttpResponse<String> response = get("/metrics");

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElseThrow().startsWith("text/plain; version=0.0.4"));
        assertTrue(response.body().contains("raft_elections_total 1.0"), response.body());
    }

    @Test
    void anUnknownPathIsNotFoundWithAShortText() throws Exception {
        HttpResponse<String> response = get("/nope?x=1");

        assertEquals(404, response.statusCode());
        assertEquals("not found: /nope (try /health, /status or /metrics)\n", response.body());
    }

    @Test
    void headAnswersTheHeadersOfAGetWithoutTheBody() throws Exception {
        HttpResponse<String> response = http.send(request("/health").method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertEquals("3", response.headers().firstValue("content-length").orElseThrow());
        assertEquals("", response.body());
    }

    @Test
    void otherMethodsAreNotAllowedAndSayWhichAre() throws Exception {
        HttpResponse<String> response = http.send(request("/health")
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(405, response.statusCode());
        assertEquals("GET, HEAD", response.headers().firstValue("allow").orElseThrow());
    }

    @Test
    void oneConnectionServesRequestAfterRequest() throws IOException {
        String replies = exchange("GET /health HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertTrue(replies.startsWith("HTTP/1.1 200 OK"), replies);
        assertTrue(replies.contains("HTTP/1.1 404 Not Found"), replies);
    }

    @Test
    void aMalformedRequestIsABadRequestThatClosesTheConnectionAndTheServerGoesOn() throws Exception {
        String reply = exchange("GET /health HTTP/one\r\nHost: x\r\n\r\nGET /health HTTP/1.1\r\n\r\n");

        assertTrue(reply.startsWith("HTTP/1.1 400 Bad Request"), reply);
        assertFalse(reply.contains("200 OK"), "nothing after the malformed request is read: " + reply);
        assertEquals(200, get("/health").statusCode());
    }

    @Test
    void aRequestBeyondTheSizeLimitIsRefused() throws Exception {
        String reply = exchange("GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: "
                + (AdminHttpServer.MAX_REQUEST_BYTES + 1) + "\r\nConnection: close\r\n\r\n");

        assertTrue(reply.startsWith("HTTP/1.1 413 Request Entity Too Large"), reply);
        assertEquals(200, get("/health").statusCode());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    }

    /** Writes raw bytes and reads until the server closes the connection. */
    private String exchange(String raw) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
