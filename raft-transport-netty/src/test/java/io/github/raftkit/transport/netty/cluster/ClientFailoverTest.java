package io.github.raftkit.transport.netty.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.client.ClientConfig;
import io.github.raftkit.api.client.RaftClient;
import io.github.raftkit.core.assembly.RaftClients;
import io.github.raftkit.core.testing.AppendOnlyStateMachine;
import io.github.raftkit.transport.netty.Eventually;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Dissertation §6.3 over real sockets: a {@code RaftClient} keeps writing through the netty transport while the
 * leader is stopped under it; the writes in flight are retried at the new leader with the same session and sequence
 * numbers, and every write is applied exactly once on every survivor.
 */
class ClientFailoverTest {
    private static final int WRITES = 2_000;
    private static final int KILL_AT = 700;
    private static final int WINDOW = 64;

    @Test
    void writesRetriedAcrossAStoppedLeaderApplyExactlyOnce() {
        try (NettyCluster cluster = NettyCluster.start(GroupId.of("client-failover"))) {
            cluster.awaitLeader();
            SimpleMeterRegistry clientMeters = new SimpleMeterRegistry();
            ClientConfig clientConfig = ClientConfig.builder().group(cluster.group()).endpoints(cluster.endpoints())
                    .transport("netty").requestTimeout(Duration.ofSeconds(30)).build();

            try (RaftClient client = RaftClients.connect(clientConfig, clientMeters)) {
                Semaphore window = new Semaphore(WINDOW);
                List<CompletableFuture<byte[]>> results = new ArrayList<>();
                for (int i = 0; i < WRITES; i++) {
                    if (i == KILL_AT) {
                        cluster.stop(cluster.awaitLeader());
                    }
                    window.acquireUninterruptibly();
                    CompletableFuture<byte[]> result = client.submitAsync(ByteBuffer.allocate(4).putInt(i).array());
                    result.whenComplete((value, failure) -> window.release());
                    results.add(result);
                }
                CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS)
                        .join();
                assertTrue(clientMeters.get("raft.client.attempts.retried").counter().count() > 0,
                        "the client had to retry across the stopped leader");
            }

            Eventually.await("both survivors applied all " + WRITES + " writes",
                    () -> cluster.machines().values().stream().allMatch(m -> m.size() >= WRITES),
                    () -> cluster.machines().toString());
            cluster.machines().forEach((survivor, machine) -> {
                List<Integer> applied = machine.values();
                Set<Integer> distinct = new HashSet<>(applied);
                assertEquals(applied.size(), distinct.size(), survivor + " applied a write twice");
                assertEquals(WRITES, distinct.size(), survivor + " applied every acknowledged write");
            });
        }
    }
}
