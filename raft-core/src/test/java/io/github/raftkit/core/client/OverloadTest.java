package io.github.raftkit.core.client;

import static io.github.raftkit.core.runtime.RegisterStateMachine.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.client.ClientConfig;
import io.github.raftkit.api.client.ClientError;
import io.github.raftkit.api.client.ClientReply;
import io.github.raftkit.api.client.ClientRequest;
import io.github.raftkit.api.spi.ClientTransport;
import io.github.raftkit.core.memory.MemoryClientTransportProvider;
import io.github.raftkit.core.runtime.Await;
import io.github.raftkit.core.runtime.TestCluster;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Back-pressure: a member beyond its pending cap answers "overloaded" at once, holds no more, and recovers. */
class OverloadTest {
    private static final int CAP = 64;
    private static final int FLOOD = 20_000;
    private static final int PAYLOAD = 64 * 1024;

    @Test
    void aFloodFarBeyondTheCapIsRefusedAsOverloadedWithBoundedHeapAndTheMemberRecovers() {
        try (TestCluster cluster = TestCluster.of(1, b -> b.maxPendingProposals(CAP)
                .requestTimeout(Duration.ofSeconds(60))).startAll();
             ClientTransport transport = new MemoryClientTransportProvider().create(Map.of())) {
            NodeId node = cluster.awaitLeader();
            Endpoint endpoint = cluster.config(node).membership().endpoint(node);
            GroupId group = cluster.config(node).group();
            long client = ((ClientReply.Registered) transport.call(endpoint, new ClientRequest.Register(group),
                    Duration.ofSeconds(10)).join()).clientId();
            long heapBefore = usedHeapAfterGc();
            cluster.machine(node).block();

            // 1.25 GiB offered, each payload its own array, so any member that kept them would show it in the heap.
            List<CompletableFuture<ClientReply>> admitted = new ArrayList<>();
            int overloaded = 0;
            for (int sequence = 1; sequence <= FLOOD; sequence++) {
                CompletableFuture<ClientReply> reply = transport.call(endpoint, new ClientRequest.Write(group, client,
                        sequence, 1, new byte[PAYLOAD]), Duration.ofSeconds(60));
                if (reply.getNow(null) instanceof ClientReply.Rejected rejected) {
                    assertEquals(ClientError.OVERLOADED, rejected.error(), rejected.message());
                    overloaded++;
                } else {
                    admitted.add(reply);
                }
            }
            long heapDuringFlood = usedHeapAfterGc();

            assertEquals(FLOOD - CAP, overloaded, "everything beyond the cap is refused at once");
            assertEquals(CAP, admitted.size());
            assertTrue(cluster.registry().get("raft.pending.requests").gauge().value() <= CAP);
            assertTrue(heapDuringFlood - heapBefore < 256L << 20, "heap grew by "
                    + ((heapDuringFlood - heapBefore) >> 20) + " MiB while " + ((long) FLOOD * PAYLOAD >> 20)
                    + " MiB were offered");

            // A client backs off while the member is full, and gets through once the load drops.
            ClientConfig config = ClientConfig.builder().group(group).endpoint(endpoint).transport("memory")
                    .requestTimeout(Duration.ofSeconds(30)).backoff(Duration.ofMillis(5), Duration.ofMillis(50))
                    .build();
            SimpleMeterRegistry clientMeters = new SimpleMeterRegistry();
            try (ClusterClient patient = new ClusterClient(config, new MemoryClientTransportProvider()
                    .create(Map.of()), clientMeters)) {
                CompletableFuture<byte[]> write = patient.submitAsync(bytes("after the flood"));
                Await.until("the client retried while the member was full",
                        () -> clientMeters.get("raft.client.attempts.retried").counter().count() >= 3);

                cluster.machine(node).release();

                write.join();
                admitted.forEach(reply -> assertInstanceOf(ClientReply.Result.class, reply.join()));
                assertEquals(CAP + 1, cluster.machine(node).history().size());
            }
        }
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
