package io.github.raftkit.examples.kv.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.client.ClientConfig;
import io.github.raftkit.core.runtime.Await;
import io.github.raftkit.examples.kv.Main;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Real {@code raft-kv server} processes on free loopback ports, each with its data and log under one directory, on
 * this test's class path. Only the processes it started are ever stopped or killed, by their handles. Used from the
 * test thread only.
 */
final class ProcessCluster implements AutoCloseable {
    private static final String HOST = "127.0.0.1";

    private final Path dir;
    private final Map<NodeId, Endpoint> raft = new LinkedHashMap<>();
    private final Map<NodeId, Endpoint> admin = new LinkedHashMap<>();
    private final Map<NodeId, Integer> resp = new LinkedHashMap<>();
    private final Map<NodeId, Process> running = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private ProcessCluster(Path dir, int size) {
        this.dir = dir;
        List<Integer> ports = freePorts(3 * size);
        for (int i = 0; i < size; i++) {
            NodeId node = NodeId.of("n" + (i + 1));
            raft.put(node, new Endpoint(HOST, ports.get(3 * i)));
            admin.put(node, new Endpoint(HOST, ports.get(3 * i + 1)));
            resp.put(node, ports.get(3 * i + 2));
        }
    }

    /** Starts {@code size} members at once; they elect a leader on their own. */
    static ProcessCluster start(Path dir, int size) throws IOException {
        ProcessCluster cluster = new ProcessCluster(dir, size);
        try {
            for (NodeId node : cluster.raft.keySet()) {
                cluster.start(node);
            }
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** Starts {@code node}'s process, on the data an earlier run of it left. */
    void start(NodeId node) throws IOException {
        String peers = raft.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
        List<String> command = List.of(ProcessHandle.current().info().command().orElseThrow(),
                // A small, quickly started JVM: the test runs three beside itself on two cores.
                "-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "server",
                "--id", node.value(), "--peers", peers, "--data-dir", dir.resolve(node.value()).toString(),
                "--http-port", Integer.toString(admin.get(node).port()),
                "--resp-port", Integer.toString(resp.get(node)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(node).toFile())).start();
        running.put(node, process);
    }

    /** The port of {@code node}'s Redis-protocol front end. */
    int respPort(NodeId node) {
        return resp.get(node);
    }

    /** The Raft endpoints of the members, or of the running ones, as {@code --endpoints} takes them. */
    String raftEndpoints(boolean runningOnly) {
        return endpoints(raft, runningOnly);
    }

    /** The admin endpoints, as {@code --http-endpoints} takes them. */
    String adminEndpoints() {
        return endpoints(admin, false);
    }

    ClientConfig clientConfig() {
        return ClientConfig.builder().endpoints(List.copyOf(raft.values())).transport("netty")
                .requestTimeout(Duration.ofSeconds(20)).attemptTimeout(Duration.ofSeconds(1)).build();
    }

    /** The member's {@code /status}, if it answers. */
    Optional<JsonNode> status(NodeId node) {
        return send(node, "/status", HttpResponse.BodyHandlers.ofString())
                .filter(response -> response.statusCode() == 200)
                .map(response -> {
                    try {
                        return new ObjectMapper().readTree(response.body());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    /** The member's {@code /health} status code, if it answers. */
    Optional<Integer> health(NodeId node) {
        return send(node, "/health", HttpResponse.BodyHandlers.discarding()).map(HttpResponse::statusCode);
    }

    /** Waits until a running member other than {@code not} reports itself the leader, and every running one agrees. */
    NodeId awaitLeader(Optional<NodeId> not) {
        try {
            return agreedLeader(not);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + logs(), e);
        }
    }

    private NodeId agreedLeader(Optional<NodeId> not) {
        return Await.value("the running members agree on a leader other than " + not, () -> {
            List<String> leaders = new ArrayList<>();
            for (NodeId node : running.keySet()) {
                Optional<JsonNode> status = status(node);
                if (status.isEmpty() || !status.get().hasNonNull("leader")) {
                    return Optional.empty();
                }
                leaders.add(status.get().get("leader").asText());
            }
            NodeId leader = NodeId.of(leaders.get(0));
            boolean agreed = leaders.stream().allMatch(leaders.get(0)::equals) && running.containsKey(leader)
                    && !not.equals(Optional.of(leader));
            return agreed ? Optional.of(leader) : Optional.<NodeId>empty();
        });
    }

    /** The members whose processes this cluster started and has not stopped or killed. */
    List<NodeId> runningMembers() {
        return List.copyOf(running.keySet());
    }

    /** SIGKILL, as a crash: nothing is flushed or closed. Waits until the process is gone. */
    void kill(NodeId node) throws InterruptedException {
        Process process = running.remove(node);
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then waits for the shutdown hook; returns the member's log. */
    String stop(NodeId node) throws IOException, InterruptedException {
        Process process = running.remove(node);
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(node + " did not stop within 30 s of SIGTERM");
        }
        return Files.readString(log(node), StandardCharsets.UTF_8);
    }

    Path log(NodeId node) {
        return dir.resolve(node.value() + ".log");
    }

    /** The end of every member's log, to explain a failure. */
    String logs() {
        StringBuilder logs = new StringBuilder();
        for (NodeId node : raft.keySet()) {
            try {
                List<String> lines = Files.readAllLines(log(node), StandardCharsets.UTF_8);
                logs.append("---- ").append(log(node)).append('\n')
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())))
                        .append('\n');
            } catch (IOException e) {
                logs.append("---- ").append(log(node)).append(": ").append(e).append('\n');
            }
        }
        return logs.toString();
    }

    /** Stops every member still running: SIGTERM, and SIGKILL for one that does not stop in time. */
    @Override
    public void close() {
        running.values().forEach(Process::destroy);
        for (Process process : running.values()) {
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        running.clear();
    }

    private String endpoints(Map<NodeId, Endpoint> endpoints, boolean runningOnly) {
        return endpoints.entrySet().stream().filter(e -> !runningOnly || running.containsKey(e.getKey()))
                .map(e -> e.getValue().toString()).collect(Collectors.joining(","));
    }

    private <T> Optional<HttpResponse<T>> send(NodeId node, String path, HttpResponse.BodyHandler<T> body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + admin.get(node) + path))
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

    /** Ports the kernel handed out on loopback, all held until all are chosen so that none is chosen twice. */
    private static List<Integer> freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getByName(HOST)));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // Closing a socket that never served anyone; the port is free either way.
                }
            }
        }
    }
}
