package io.github.raftkit.examples.kv;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.Membership;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.RaftConfig;
import io.github.raftkit.api.RaftServer;
import io.github.raftkit.api.ReadConsistency;
import io.github.raftkit.api.Role;
import io.github.raftkit.api.ServerStatus;
import io.github.raftkit.api.client.ClientConfig;
import io.github.raftkit.core.assembly.RaftServers;
import io.github.raftkit.examples.kv.client.KvClient;
import io.github.raftkit.examples.kv.command.KeyValue;
import io.github.raftkit.examples.kv.store.KvStore;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The README's first command: a 3-node key-value cluster in one JVM. It elects a leader, writes through a
 * {@link KvClient}, loses the leader, elects another, keeps writing, brings the lost member back and shows that every
 * replica holds the same entries. Members talk through the in-memory transport until the Netty transport and file
 * storage exist.
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
        try (KvClient client = KvClient.connect(ClientConfig.builder()
                .endpoints(List.copyOf(members.members().values())).transport("memory").build())) {
            members.ids().forEach(this::startMember);
            RaftServer leader = awaitLeader(Optional.empty());
            write(client, "language", "java");
            write(client, "consensus", "raft");
            write(client, "nodes", "3");
            say("linearizable read of 'consensus': " + show(client.get("consensus")));

            NodeId lost = leader.status().node();
            say("stopping the leader " + lost);
            servers.get(lost).close();
            RaftServer next = awaitLeader(Optional.of(lost));
            write(client, "nodes", "2-of-3");
            say("del language -> deleted " + client.delete("language").deleted());

            say("restarting " + lost + "; it recovers its log and catches up from the new leader");
            startMember(lost);
            long commit = next.status().commitIndex();
            await(() -> servers.values().stream().allMatch(s -> s.status().appliedIndex() >= commit));
            for (RaftServer server : servers.values()) {
                ServerStatus status = server.status();
                try (KvClient local = memberClient(status.node())) {
                    say(String.format("%s %-8s term %d, applied through %d: nodes=%s language=%s", status.node(),
                            status.role(), status.term(), status.appliedIndex(), show(local.get("nodes")),
                            show(local.get("language"))));
                }
            }
            say("every replica holds the same map. Done.");
        } finally {
            servers.values().forEach(RaftServer::close);
        }
    }

    private void startMember(NodeId node) {
        RaftConfig config = RaftConfig.builder().node(node).membership(members).transport("memory").storage("memory")
                .build();
        RaftServer server = RaftServers.create(config, new KvStore());
        server.start().join();
        servers.put(node, server);
        say("started " + node);
    }

    /** A client that asks only {@code node} and reads what it has applied, to show each replica's own state. */
    private KvClient memberClient(NodeId node) {
        Endpoint endpoint = members.endpoint(node);
        return KvClient.connect(ClientConfig.builder().endpoint(endpoint).transport("memory").build())
                .reading(ReadConsistency.STALE);
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

    private static void write(KvClient client, String key, String value) {
        say("put " + key + " " + value + " -> revision " + client.put(key, value).revision());
    }

    private static String show(Optional<KeyValue> entry) {
        return entry.map(e -> e.value().utf8()).orElse("(nil)");
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
