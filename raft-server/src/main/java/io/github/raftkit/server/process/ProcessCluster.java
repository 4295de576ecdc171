package io.github.raftkit.server.process;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.client.ClientConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Real member processes of an example on free loopback ports, members {@code n1..nN}, each with its data in
 * {@code DIR/nI} and its output in {@code DIR/nI.log}: the demo's cluster, and the one that tests drive with SIGKILL
 * and restarts. Only the processes it started are ever stopped or killed, by their handles.
 *
 * <pre>{@code
 * try (ProcessCluster cluster = ProcessCluster.start(dir, 3, ServerLaunch.of(Main.class))) {
 *     NodeId leader = cluster.awaitLeader(Optional.empty());
 *     cluster.kill(leader);
 *     cluster.awaitLeader(Optional.of(leader));
 * }
 * }</pre>
 *
 * <p><b>Threading.</b> Driven from one thread; {@link #close} may also be called from another (a shutdown hook's).
 */
public final class ProcessCluster implements AutoCloseable {
    /** How long a wait may take: elections and restarts of JVMs on a loaded two-core machine. */
    public static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final Path dir;
    private final ServerLaunch launch;
    private final Map<NodeId, Endpoint> raft = new LinkedHashMap<>();
    private final Map<NodeId, Endpoint> admin = new LinkedHashMap<>();
    private final Map<NodeId, Map<String, Integer>> ports = new LinkedHashMap<>();
    private final Map<NodeId, Process> running = new LinkedHashMap<>();
    private final StatusProbe probe = new StatusProbe();

    private ProcessCluster(Path dir, int size, ServerLaunch launch) {
        this.dir = dir;
        this.launch = launch;
        int each = 2 + launch.portFlags().size();
        Iterator<Integer> free = LoopbackPorts.free(each * size).iterator();
        for (int i = 1; i <= size; i++) {
            NodeId node = NodeId.of("n" + i);
            raft.put(node, new Endpoint(LoopbackPorts.HOST, free.next()));
            admin.put(node, new Endpoint(LoopbackPorts.HOST, free.next()));
            Map<String, Integer> own = new LinkedHashMap<>();
            launch.portFlags().forEach(flag -> own.put(flag, free.next()));
            ports.put(node, own);
        }
    }

    /** Starts {@code size} members at once; they elect a leader on their own. */
    public static ProcessCluster start(Path dir, int size, ServerLaunch launch) throws IOException {
        ProcessCluster cluster = new ProcessCluster(dir, size, launch);
        try {
            for (NodeId node : cluster.members()) {
                cluster.start(node);
            }
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** Starts {@code node}'s process, on the data an earlier run of it left. */
    public synchronized void start(NodeId node) throws IOException {
        List<String> command = launch.command(node.value(), peers(), dir.resolve(node.value()),
                admin.get(node).port(), ports.get(node));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(node).toFile())).start();
        running.put(node, process);
    }

    /** Every member, started or not, in order. */
    public List<NodeId> members() {
        return List.copyOf(raft.keySet());
    }

    /** Every member and its Raft address, as {@code --peers} takes them. */
    public String peers() {
        return raft.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    /** The members whose processes this cluster started and has not stopped or killed. */
    public synchronized List<NodeId> runningMembers() {
        return List.copyOf(running.keySet());
    }

    /** The process id of a running member. */
    public synchronized long pid(NodeId node) {
        return running.get(node).pid();
    }

    /** The port {@code node} was given for one of the launch's {@link ServerLaunch#portFlags}. */
    public int port(NodeId node, String flag) {
        return ports.get(node).get(flag);
    }

    /** The address of {@code node}'s admin HTTP server. */
    public Endpoint adminEndpoint(NodeId node) {
        return admin.get(node);
    }

    /** The Raft endpoints of the members, or of the running ones, as {@code --endpoints} takes them. */
    public String raftEndpoints(boolean runningOnly) {
        List<NodeId> wanted = runningOnly ? runningMembers() : members();
        return wanted.stream().map(node -> raft.get(node).toString()).collect(Collectors.joining(","));
    }

    /** The admin endpoints, as {@code --http-endpoints} takes them. */
    public String adminEndpoints() {
        return admin.values().stream().map(Endpoint::toString).collect(Collectors.joining(","));
    }

    /** A client of every member over {@code netty}: it gives up after {@code requestTimeout}, and tries each 1 s. */
    public ClientConfig clientConfig(Duration requestTimeout) {
        return ClientConfig.builder().endpoints(List.copyOf(raft.values())).transport("netty")
                .requestTimeout(requestTimeout).attemptTimeout(Duration.ofSeconds(1)).build();
    }

    /** The member's {@code /status}, if it answers. */
    public Optional<JsonNode> status(NodeId node) {
        return probe.status(admin.get(node));
    }

    /** The member's {@code /health} status code, if it answers. */
    public Optional<Integer> health(NodeId node) {
        return probe.health(admin.get(node));
    }

    /**
     * Waits until a running member other than {@code not} reports itself the leader, and every running one agrees.
     *
     * @throws IllegalStateException after {@link #DEADLINE}, with the end of every member's log
     */
    public NodeId awaitLeader(Optional<NodeId> not) {
        return await("the running members agree on a leader other than " + not, () -> {
            List<NodeId> members = runningMembers();
            List<String> leaders = new ArrayList<>();
            for (NodeId node : members) {
                Optional<JsonNode> status = status(node);
                if (status.isEmpty() || !status.get().hasNonNull("leader")) {
                    return Optional.empty();
                }
                leaders.add(status.get().get("leader").asText());
            }
            if (leaders.isEmpty()) {
                return Optional.empty();
            }
            NodeId leader = NodeId.of(leaders.get(0));
            boolean agreed = leaders.stream().allMatch(leaders.get(0)::equals) && members.contains(leader)
                    && !not.equals(Optional.of(leader));
            return agreed ? Optional.of(leader) : Optional.empty();
        });
    }

    /**
     * Waits until {@code node} has applied {@code index}, as after a restart it catches up.
     *
     * @throws IllegalStateException after {@link #DEADLINE}, with the end of every member's log
     */
    public void awaitApplied(NodeId node, long index) {
        await(node + " applied index " + index, () -> status(node)
                .filter(status -> status.path("appliedIndex").asLong() >= index).map(status -> true));
    }

    /** SIGKILL, as a crash: nothing is flushed or closed. Waits until the process is gone. */
    public synchronized void kill(NodeId node) throws InterruptedException {
        Process process = running.remove(node);
        process.destroyForcibly();
        process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * SIGTERM, then waits for the member's shutdown hook; returns the member's log.
     *
     * @throws IllegalStateException if it does not stop within 30 s (it is then killed)
     */
    public synchronized String stop(NodeId node) throws IOException, InterruptedException {
        Process process = running.remove(node);
        process.destroy();
        if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(node + " did not stop within " + STOP_GRACE.toSeconds()
                    + " s of SIGTERM");
        }
        return Files.readString(log(node), StandardCharsets.UTF_8);
    }

    /** Where {@code node}'s standard output and error go, appended across its restarts. */
    public Path log(NodeId node) {
        return dir.resolve(node.value() + ".log");
    }

    /** The end of every member's log, to explain a failure. */
    public String logs() {
        StringBuilder logs = new StringBuilder();
        for (NodeId node : members()) {
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

    /** Stops every member still running: SIGTERM, and SIGKILL for one that does not stop in time. Idempotent. */
    @Override
    public synchronized void close() {
        running.values().forEach(Process::destroy);
        for (Process process : running.values()) {
            try {
                if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        running.clear();
    }

    /** Polls {@code probe} until it offers a value; the members' logs explain a wait that ends in failure. */
    private <T> T await(String what, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        Optional<T> value = probe.get();
        while (value.isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("gave up after " + DEADLINE.toSeconds() + " s waiting until " + what
                        + "; the members' logs end with\n" + logs());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting until " + what, e);
            }
            value = probe.get();
        }
        return value.get();
    }
}
