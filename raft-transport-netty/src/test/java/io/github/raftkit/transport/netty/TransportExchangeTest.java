package io.github.raftkit.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.message.AppendEntries;
import io.github.raftkit.api.message.AppendEntriesResponse;
import io.github.raftkit.api.message.InstallSnapshot;
import io.github.raftkit.api.spi.SnapshotMetadata;
import io.github.raftkit.api.message.InstallSnapshotResponse;
import io.github.raftkit.api.message.RaftMessage;
import io.github.raftkit.api.message.RequestVoteResponse;
import io.github.raftkit.api.message.TimeoutNow;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import io.github.raftkit.api.spi.TransportProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Members exchange messages over real loopback sockets: every type, both directions, through restarts and overload. */
class TransportExchangeTest {
    private static final Map<String, String> FAST_RECONNECT = Map.of("netty.reconnect.minMillis", "10",
            "netty.reconnect.maxMillis", "200");

    private final TestCluster cluster = new TestCluster(3, FAST_RECONNECT);

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void providerIsFoundByItsName() {
        List<String> names = ServiceLoader.load(TransportProvider.class).stream()
                .map(provider -> provider.get().name()).toList();
        assertTrue(names.contains("netty"), names.toString());
    }

    @Test
    void everyMessageTypeCrossesInBothDirectionsOfEveryPair() {
        List<TestCluster.Running> members = cluster.startAll();
        List<String> ids = List.of("n1", "n2", "n3");
        for (String from : ids) {
            for (String to : ids) {
                if (!from.equals(to)) {
                    everyType(from, to).forEach(members.get(ids.indexOf(from)).transport()::send);
                }
            }
        }
        for (int i = 0; i < 3; i++) {
            TestCluster.Running member = members.get(i);
            Eventually.await(ids.get(i) + " receives 2 x 7 messages", () -> member.inbox().size() == 14,
                    () -> member.inbox().toString());
            for (RaftMessage message : member.inbox()) {
                assertEquals(NodeId.of(ids.get(i)), message.to());
            }
        }
        assertEquals(0.0, counter(members.get(0).meters(), "raft.transport.malformed"));
        assertTrue(counter(members.get(0).meters(), "raft.transport.bytes") > 0);
    }

    @Test
    void messagesSentBeforeThePeerListensArriveOnceItDoes() {
        TestCluster.Running n1 = cluster.start("n1");
        n1.transport().send(Messages.vote("n1", "n2", 5));
        TestCluster.Running n2 = cluster.start("n2");
        Eventually.await("n2 receives the vote queued before it started", () -> n2.inbox().size() == 1);
    }

    @Test
    void peerRestartedOnTheSamePortIsReachedAgain() {
        TestCluster.Running n1 = cluster.start("n1");
        TestCluster.Running first = cluster.start("n2");
        n1.transport().send(Messages.vote("n1", "n2", 1));
        Eventually.await("n1 connected to the first n2", () -> !first.inbox().isEmpty());
        cluster.stop("n2");
        TestCluster.Running restarted = cluster.start("n2");
        // Keep sending until one gets through: messages written into the dying connection may be lost, as Raft allows.
        Eventually.await("n1 reaches the restarted n2", () -> {
            n1.transport().send(Messages.vote("n1", "n2", 2));
            return !restarted.inbox().isEmpty();
        });
        restarted.transport().send(Messages.vote("n2", "n1", 3));
        Eventually.await("the restarted n2 reaches n1", () -> n1.inbox().stream().anyMatch(m -> m.term() == 3));
        Eventually.await("n1 counted the reconnect", () -> counter(n1.meters(), "raft.transport.reconnects") >= 1);
    }

    @Test
    void queueForAnUnreachablePeerStaysBoundedAndCountsDrops() {
        TestCluster.Running n1 = cluster.start("n1", Map.of("netty.queue.maxMessages", "16"));
        for (int i = 0; i < 100; i++) {
            n1.transport().send(Messages.vote("n1", "n2", i));
        }
        assertEquals(16.0, n1.meters().get("raft.transport.queue.depth").tag("peer", "n2").gauge().value());
        assertEquals(84.0, n1.meters().get("raft.transport.dropped").tag("peer", "n2").tag("reason", "queue_full")
                .counter().count());
    }

    @Test
    void messageToAStrangerIsDroppedAndCounted() {
        TestCluster.Running n1 = cluster.start("n1");
        n1.transport().send(Messages.vote("n1", "n9", 1));
        assertEquals(1.0, n1.meters().get("raft.transport.dropped").tag("reason", "unknown_peer").counter().count());
    }

    @Test
    void heartbeatOvertakesAppendsQueuedBeforeIt() {
        // A small write buffer keeps most of the appends in the bulk lane, behind which no heartbeat may wait.
        Map<String, String> small = Map.of("netty.writeBuffer.lowBytes", "1024", "netty.writeBuffer.highBytes",
                "4096");
        TestCluster.Running n1 = cluster.start("n1", small);
        TestCluster.Running n2 = cluster.start("n2", small);
        n1.transport().send(Messages.vote("n1", "n2", 1));
        Eventually.await("n1 and n2 connected", () -> n2.inbox().poll() != null);
        int appends = 200;
        for (int i = 0; i < appends; i++) {
            n1.transport().send(Messages.append("n1", "n2", i * 8L, 8, 8 * 1024));
        }
        n1.transport().send(Messages.heartbeat("n1", "n2", 77));
        List<RaftMessage> received = new ArrayList<>();
        Eventually.await("n2 receives all appends and the heartbeat", () -> {
            n2.inbox().drainTo(received);
            return received.size() == appends + 1;
        });
        int heartbeatAt = indexOfHeartbeat(received);
        assertTrue(heartbeatAt < appends, "the heartbeat arrived last, behind every append");
    }

    private static int indexOfHeartbeat(List<RaftMessage> received) {
        for (int i = 0; i < received.size(); i++) {
            if (received.get(i) instanceof AppendEntries append && append.entries().isEmpty()) {
                return i;
            }
        }
        throw new AssertionError("no heartbeat among " + received.size());
    }

    private static List<RaftMessage> everyType(String from, String to) {
        GroupId g = Messages.GROUP;
        NodeId f = NodeId.of(from);
        NodeId t = NodeId.of(to);
        return List.of(Messages.vote(from, to, 4),
                new RequestVoteResponse(g, f, t, 4, true, true),
                Messages.append(from, to, 10, 3, 100),
                new AppendEntriesResponse(g, f, t, 4, false, 0, 11, 2, 8, 5),
                new InstallSnapshot(g, f, t, 4, new SnapshotMetadata(100, 3, List.of(f, t)), 0, new byte[10_000], true,
                        0x1234_5678L),
                new InstallSnapshotResponse(g, f, t, 4, 100, 10_000, true),
                new TimeoutNow(g, f, t, 4));
    }

    static double counter(MeterRegistry meters, String name) {
        return meters.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
