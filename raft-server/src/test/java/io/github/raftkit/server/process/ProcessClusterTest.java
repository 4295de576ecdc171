package io.github.raftkit.server.process;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.client.RaftClient;
import io.github.raftkit.core.assembly.RaftClients;
import io.github.raftkit.server.cli.Printer;
import io.github.raftkit.server.register.RegisterMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An example whose {@code server} command only names its state machine runs as three real processes: they elect a
 * leader, answer on admin HTTP and through the shared {@code status} and {@code members} commands, survive their
 * leader's SIGKILL, take the old leader back on its files, and stop cleanly on SIGTERM.
 */
class ProcessClusterTest {
    @TempDir
    Path dir;

    private StringWriter out = new StringWriter();

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aPlainExampleServesSurvivesItsLeadersCrashAndStopsCleanly() throws Exception {
        try (ProcessCluster cluster = ProcessCluster.start(dir, 3, ServerLaunch.of(RegisterMain.class))) {
            NodeId leader = cluster.awaitLeader(Optional.empty());
            for (NodeId node : cluster.members()) {
                assertEquals(Optional.of(200), cluster.health(node), node + " is healthy");
            }
            assertEquals(0, cli("status", "--http-endpoints", cluster.adminEndpoints()));
            assertEquals(0, cli("members", "--json", "--http-endpoints", cluster.adminEndpoints()));
            JsonNode members = Printer.JSON.readTree(out.toString()).get("members");
            assertEquals(3, members.size());

            try (RaftClient client = RaftClients.connect(cluster.clientConfig(Duration.ofSeconds(20)))) {
                client.submit("before".getBytes(UTF_8));
                cluster.kill(leader);
                NodeId next = cluster.awaitLeader(Optional.of(leader));
                client.submit("after".getBytes(UTF_8));

                cluster.start(leader);
                cluster.awaitApplied(leader, cluster.status(next).orElseThrow().get("commitIndex").asLong());
                assertEquals("after", new String(client.query(new byte[0]), UTF_8));
            }

            for (NodeId node : cluster.runningMembers()) {
                assertTrue(cluster.stop(node).contains(node + " stopped"), node + " stops cleanly");
            }
        }
    }

    /** Runs {@code register ARGS} in this JVM with fresh captured output; returns its exit status. */
    private int cli(String... args) {
        out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = RegisterMain.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
        if (exit != 0) {
            System.err.println(String.join(" ", args) + "\nout: " + out + "\nerr: " + err);
        }
        return exit;
    }
}
