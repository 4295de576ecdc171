package io.github.raftkit.examples.kv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.error.RaftException;
import io.github.raftkit.core.runtime.Await;
import io.github.raftkit.examples.kv.Main;
import io.github.raftkit.examples.kv.client.KvClient;
import io.github.raftkit.examples.kv.resp.RedisTools;
import io.github.raftkit.examples.kv.resp.RespTestClient;
import io.github.raftkit.server.process.ProcessCluster;
import io.github.raftkit.server.process.ServerLaunch;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code raft-kv server} processes over Netty and files, driven by the command line (in this JVM) and by a
 * {@link KvClient}: the leader is killed with SIGKILL while a client writes and another is elected; the old leader
 * returns and catches up; then a follower is killed too; and every write that was acknowledged is still there.
 */
class ServerProcessesTest {
    private static final int WRITES_PER_PHASE = 20;
    private static final String RESP_PORT = "--resp-port";

    @TempDir
    Path dir;

    private ProcessCluster cluster;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    @AfterEach
    void stopEverything() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void killingTheLeaderAndThenAFollowerMidWriteLosesNoAcknowledgedWrite() throws Exception {
        cluster = ProcessCluster.start(dir, 3, ServerLaunch.of(Main.class).withPorts(RESP_PORT));
        NodeId leader = cluster.awaitLeader(Optional.empty());
        for (NodeId node : List.of(NodeId.of("n1"), NodeId.of("n2"), NodeId.of("n3"))) {
            assertEquals(Optional.of(200), cluster.health(node), node + " is healthy");
        }

        theCommandLineReadsAndWrites();
        theLeaderReportsEachFollowersProgress(leader);
        everyMemberSpeaksTheRedisProtocol(leader);

        Set<Integer> acknowledged = new ConcurrentSkipListSet<>();
        try (KvClient kv = KvClient.connect(cluster.clientConfig(Duration.ofSeconds(20)))) {
            AtomicBoolean writing = new AtomicBoolean(true);
            Thread writer = new Thread(() -> {
                for (int i = 0; writing.get(); i++) {
                    try {
                        kv.put("w" + i, "v" + i);
                        acknowledged.add(i);
                    } catch (RaftException unknownOutcome) {
                        // A timed-out write may or may not have been applied; only acknowledged ones are checked.
                    }
                }
            }, "writer");
            writer.start();
            try {
                Await.until(WRITES_PER_PHASE + " writes before the crash",
                        () -> acknowledged.size() >= WRITES_PER_PHASE);
                cluster.kill(leader);
                NodeId next = cluster.awaitLeader(Optional.of(leader));
                awaitMoreWrites(acknowledged, "after the new election");

                // Any single member may crash: the old leader returns, then a follower is killed in turn.
                cluster.start(leader);
                cluster.awaitApplied(leader, cluster.status(next).orElseThrow().get("commitIndex").asLong());
                NodeId follower = List.of(NodeId.of("n1"), NodeId.of("n2"), NodeId.of("n3")).stream()
                        .filter(node -> !node.equals(next) && !node.equals(leader)).findFirst().orElseThrow();
                cluster.kill(follower);
                awaitMoreWrites(acknowledged, "after a follower was killed");
            } finally {
                writing.set(false);
                writer.join(30_000);
            }
            for (int i : acknowledged) {
                assertEquals(Optional.of("v" + i), kv.get("w" + i).map(entry -> entry.value().utf8()), "w" + i);
            }
        }

        int first = acknowledged.iterator().next();
        assertExit(0, "get", "w" + first, "--endpoints", cluster.raftEndpoints(true), "--timeout", "20s");
        assertEquals("v" + first + "\n", out.toString());
        assertExit(0, "status", "--http-endpoints", cluster.adminEndpoints());
        assertTrue(out.toString().contains("unreachable"), "the killed member shows as unreachable:\n" + out);

        for (NodeId survivor : cluster.runningMembers()) {
            assertTrue(cluster.stop(survivor).contains(survivor + " stopped"), survivor + " stops cleanly");
        }
    }

    private void theCommandLineReadsAndWrites() throws Exception {
        assertClient(0, "put", "color", "blue");
        assertTrue(out.toString().startsWith("OK, revision "), out.toString());
        assertClient(1, "put", "color", "red", "--if-absent");
        assertClient(0, "get", "color");
        assertEquals("blue\n", out.toString());

        assertClient(0, "get", "color", "--json", "--consistency", "lease");
        JsonNode entry = new ObjectMapper().readTree(out.toString());
        assertEquals("blue", entry.get("value").asText());
        long revision = entry.get("modRevision").asLong();
        assertClient(1, "cas", "color", Long.toString(revision + 100), "green");
        assertClient(0, "cas", "color", Long.toString(revision), "green");

        assertClient(1, "get", "absent");
        assertClient(0, "incr", "visits", "5");
        assertEquals("5\n", out.toString());
        assertClient(4, "incr", "color");
        assertTrue(err.toString().contains("NOT_AN_INTEGER"), err.toString());
        assertClient(0, "scan", "");
        assertEquals("color\tgreen\nvisits\t5\n", out.toString());
        assertClient(0, "del", "visits", "absent");
        assertTrue(out.toString().startsWith("deleted 1, revision "), out.toString());

        assertExit(0, "status", "--http-endpoints", cluster.adminEndpoints());
        assertEquals(1, out.toString().lines().filter(line -> line.split(" +")[2].equals("LEADER")).count(),
                out.toString());
        assertExit(0, "members", "--json", "--http-endpoints", cluster.adminEndpoints());
        assertEquals(3, new ObjectMapper().readTree(out.toString()).get("members").size());
    }

    /** A write through one follower's Redis port is read through the other's, linearizably (followers forward). */
    private void everyMemberSpeaksTheRedisProtocol(NodeId leader) {
        List<NodeId> followers = List.of(NodeId.of("n1"), NodeId.of("n2"), NodeId.of("n3")).stream()
                .filter(node -> !node.equals(leader)).toList();
        try (RespTestClient first = new RespTestClient(cluster.port(followers.get(0), RESP_PORT));
             RespTestClient second = new RespTestClient(cluster.port(followers.get(1), RESP_PORT))) {
            assertEquals("OK", first.call("SET", "via-redis", "yes"));
            assertEquals("yes", second.call("GET", "via-redis"));
            assertEquals(1L, second.call("DEL", "via-redis"));
            String info = (String) first.call("INFO", "raft");
            assertTrue(info.contains("role:follower") && info.contains("leader:" + leader), info);
        }
        RedisTools.assertBenchmarkClean(RedisTools.run("redis-benchmark", cluster.port(followers.get(0), RESP_PORT),
                "-t", "set,get", "-n", "2000", "-c", "10", "-P", "8", "-q"));
    }

    private static void awaitMoreWrites(Set<Integer> acknowledged, String when) {
        int before = acknowledged.size();
        Await.until(WRITES_PER_PHASE + " more writes " + when,
                () -> acknowledged.size() >= before + WRITES_PER_PHASE);
    }

    private void theLeaderReportsEachFollowersProgress(NodeId leader) {
        JsonNode status = cluster.status(leader).orElseThrow();
        assertEquals("LEADER", status.get("role").asText());
        long followers = 0;
        for (JsonNode member : status.get("members")) {
            if (member.has("matchIndex")) {
                followers++;
                assertTrue(member.get("lag").asLong() >= 0, member.toString());
            }
        }
        assertEquals(2, followers, status.toString());
    }

    /** Runs a key-value command against every member, with a deadline for a loaded machine. */
    private void assertClient(int status, String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--endpoints", cluster.raftEndpoints(false), "--timeout", "20s"));
        assertExit(status, args.toArray(String[]::new));
    }

    /** Runs {@code raft-kv ARGS} and checks its exit status, showing what it printed if that is wrong. */
    private void assertExit(int status, String... args) {
        int exit = cli(args);
        assertEquals(status, exit, () -> String.join(" ", args) + "\nout: " + out + "\nerr: " + err);
    }

    /** Runs {@code raft-kv ARGS} in this JVM with fresh captured output; returns its exit status. */
    private int cli(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
    }
}
