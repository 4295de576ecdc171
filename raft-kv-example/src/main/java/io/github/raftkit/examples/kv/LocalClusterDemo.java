package io.github.raftkit.examples.kv;

import io.github.raftkit.api.Membership;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.RaftConfig;
import io.github.raftkit.api.RaftServer;
import io.github.raftkit.api.ReadConsistency;
import io.github.raftkit.api.Role;
import io.github.raftkit.api.ServerStatus;
import io.github.raftkit.core.assembly.RaftServers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The README's first command: a 3-node key-value cluster in one JVM. It elects a leader, writes through it, loses the
 * leader, elects another, keeps writing, brings the lost member back and shows that every replica holds the same map.
 * Members talk through the in-memory transport until the Netty transport and file storage exist.
 */
public final class LocalClusterDemo {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final Membership members = Membership.builder()
            .add("n1", "127.0.0.1:7001")
            .add("n2", "127.0.0.1:7002")
            .add("n3", "127.0.0.1:7003")
            .build();
    private final Map<NodeId, RaftServer> servers = new LinkedHashMap<>();

    public static void main(String[] args) throws InterruptedException {
        new LocalClusterDemo().run();
    }

    private void run() throws InterruptedException {
        try {
            members.ids().forEach(this::startMember);
            RaftServer leader = awaitLeader(Optional.empty());
            write(leader, "put language java", "put consensus raft", "put nodes 3");
            say("linearizable read of 'consensus' at the leader: " + read(leader, "get consensus", ReadConsistency.LINEARIZABLE));

            NodeId lost = leader.status().node();
            say("stopping the leader " + lost);
            servers.get(lost).close();
            RaftServer next = awaitLeader(Optional.of(lost));
            write(next, "put nodes 2-of-3", "del language");

            say("restarting " + lost + "; it recovers its log and catches up from the new leader");
            startMember(lost);
            long commit = next.status().commitIndex();
            await(() -> servers.values().stream().allMatch(s -> s.status().appliedIndex() >= commit));
            for (RaftServer server : servers.values()) {
                ServerStatus status = server.status();
                say(String.format("%s %-8s term %d, applied through %d: nodes=%s language=%s", status.node(),
                        status.role(), status.term(), status.appliedIndex(),
                        read(server, "get nodes", ReadConsistency.STALE),
                        read(server, "get language", ReadConsistency.STALE)));
            }
            say("every replica holds the same map. Done.");
        } finally {
            servers.values().forEach(RaftServer::close);
        }
    }

    private void startMember(NodeId node) {
        RaftConfig config = RaftConfig.builder().node(node).membership(members).build();
        RaftServer server = RaftServers.create(config, new KeyValueStore());
        server.start().join();
        servers.put(node, server);
        say("started " + node);
    }

    private RaftServer awaitLeader(Optional<NodeId> notThis) throws InterruptedException {
        Instant start = Instant.now();
        RaftServer[] leader = new RaftServer[1];
        await(() -> {
            for (var entry : servers.entrySet()) {
                ServerStatus status = entry.getValue().status();
                if (status.role() == Role.LEADER && !notThis.equals(Optional.of(entry.getKey()))) {
                    leader[0] = entry.getValue();
                    return true;
                }
            }
            return false;
        });
        ServerStatus status = leader[0].status();
        say(status.node() + " leads term " + status.term() + " (elected within "
                + Duration.between(start, Instant.now()).toMillis() + " ms)");
        return leader[0];
    }

    private static void write(RaftServer leader, String... commands) {
        for (String command : commands) {
            byte[] result = leader.propose(command.getBytes(StandardCharsets.UTF_8)).join();
            say(command + " -> " + new String(result, StandardCharsets.UTF_8));
        }
    }

    private static String read(RaftServer server, String query, ReadConsistency consistency) {
        return new String(server.read(query.getBytes(StandardCharsets.UTF_8), consistency).join(),
                StandardCharsets.UTF_8);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the cluster did not get there within " + DEADLINE.toSeconds() + " s");
            }
            Thread.sleep(10);
        }
    }

    private static void say(String line) {
        System.out.println("[demo] " + line);
    }
}
