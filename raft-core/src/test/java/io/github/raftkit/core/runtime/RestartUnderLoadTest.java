package io.github.raftkit.core.runtime;

import static io.github.raftkit.core.runtime.RegisterStateMachine.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.RaftServer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Members stopped and restarted while proposals keep arriving never make replicas diverge or lose a write. */
class RestartUnderLoadTest {

    @Test
    void everyAcknowledgedWriteIsAppliedOnceAndReplicasAgree() throws Exception {
        try (TestCluster cluster = TestCluster.of(3).startAll()) {
            List<String> acknowledged = new ArrayList<>();
            int next = 0;
            for (int round = 0; round < 6; round++) {
                NodeId victim = round % 2 == 0 ? cluster.awaitLeader() : cluster.others(cluster.awaitLeader()).get(0);
                List<String> sent = new ArrayList<>();
                List<CompletableFuture<byte[]>> futures = new ArrayList<>();
                RaftServer leader = cluster.server(cluster.awaitLeader());
                for (int i = 0; i < 50; i++) {
                    String command = "c" + next++;
                    sent.add(command);
                    futures.add(leader.propose(bytes(command)));
                }
                cluster.stop(victim);
                for (int i = 0; i < futures.size(); i++) {
                    try {
                        futures.get(i).get(30, TimeUnit.SECONDS);
                        acknowledged.add(sent.get(i));
                    } catch (java.util.concurrent.ExecutionException refusedOrLost) {
                        // Not leader, shut down or timed out: the write's fate is unknown, and that is allowed.
                    }
                }
                cluster.start(victim);
            }

            NodeId leader = cluster.awaitLeader();
            cluster.server(leader).propose(bytes("last")).get(30, TimeUnit.SECONDS);
            List<String> history = cluster.machine(leader).history();
            cluster.awaitHistory(history);
            assertEquals(history.size(), new HashSet<>(history).size(), "no command applied twice");
            Set<String> applied = new HashSet<>(history);
            assertTrue(applied.containsAll(acknowledged), "every acknowledged write was applied");
        }
    }
}
