package io.github.raftkit.examples.lock.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.core.assembly.RaftClients;
import io.github.raftkit.core.runtime.Await;
import io.github.raftkit.core.runtime.TestCluster;
import io.github.raftkit.examples.lock.command.LockError;
import io.github.raftkit.examples.lock.command.LockMode;
import io.github.raftkit.examples.lock.machine.LockStateMachine;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link LockClient} against three in-JVM members running the lock service on the memory transport. */
class LockClientTest {
    private static final Duration TTL = Duration.ofSeconds(2);

    private TestCluster cluster;

    @BeforeEach
    void start() {
        cluster = TestCluster.withMachines(3, LockStateMachine::new).startAll();
        cluster.awaitLeader();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private LockClient client() {
        return new LockClient(RaftClients.connect(cluster.clientConfig()), TTL);
    }

    @Test
    void aWaiterIsGrantedTheLockWhenItsHolderReleasesWithALargerToken() throws Exception {
        try (LockClient first = client(); LockClient second = client()) {
            Lock held = first.acquire("report");
            CompletableFuture<Lock> waiting = CompletableFuture.supplyAsync(() -> second.acquire("report"));
            Await.until("the second client queues", () -> first.holders("report").waiters().size() == 1);
            assertFalse(waiting.isDone());

            held.close();
            try (Lock next = waiting.get(30, TimeUnit.SECONDS)) {
                assertTrue(next.fencingToken() > held.fencingToken());
                assertEquals(List.of(second.sessionId()), first.holders("report").holders().stream()
                        .map(h -> h.session()).toList());
            }
        }
    }

    @Test
    void aTryAcquireThatTimesOutLeavesTheQueue() {
        try (LockClient first = client(); LockClient second = client(); Lock held = first.acquire("x")) {
            assertEquals(Optional.empty(), second.tryAcquire("x", LockMode.EXCLUSIVE, Duration.ofMillis(300)));
            assertEquals(List.of(), first.holders("x").waiters());
            assertEquals(Optional.empty(), second.tryAcquire("x", LockMode.EXCLUSIVE, Duration.ZERO));
            assertTrue(held.isValid());
        }
    }

    @Test
    void closingAClientFreesItsLocksAtOnce() {
        try (LockClient other = client()) {
            LockClient leaving = client();
            leaving.acquire("x");
            leaving.close();
            assertTrue(other.tryAcquire("x", LockMode.EXCLUSIVE, Duration.ZERO).isPresent());
        }
    }

    @Test
    void aHolderThatKeepsItsSessionAliveKeepsTheLockWhenTheLeaderStops() throws Exception {
        try (LockClient holder = client(); LockClient other = client(); Lock lock = holder.acquire("x")) {
            cluster.stop(cluster.awaitLeader());
            cluster.awaitLeader();
            Thread.sleep(2 * TTL.toMillis()); // two whole times to live on a new leader, renewed by keep-alives
            assertTrue(lock.isValid());
            assertEquals(Optional.empty(), other.tryAcquire("x", LockMode.EXCLUSIVE, Duration.ZERO));
            assertEquals(lock.session(), other.holders("x").holders().get(0).session());
        }
    }

    @Test
    void aClientCutOffFromTheClusterIsToldItsSessionIsLost() {
        List<String> lost = new CopyOnWriteArrayList<>();
        try (LockClient holder = client()) {
            holder.addSessionListener((session, reason) -> lost.add(session + ": " + reason));
            Lock lock = holder.acquire("x");
            for (NodeId member : cluster.runningMembers()) {
                cluster.stop(member);
            }
            Await.until("the session is declared lost", () -> !lost.isEmpty());
            assertFalse(lock.isValid());
            assertTrue(lost.get(0).contains("time to live"), lost.get(0));
        }
    }

    @Test
    void badNamesAndTimesToLiveAreRefusedBeforeAnythingIsSent() {
        try (LockClient client = client()) {
            LockException longName = assertThrows(LockException.class, () -> client.acquire("n".repeat(1_000)));
            assertEquals(LockError.INVALID_NAME, longName.error());
            assertThrows(IllegalArgumentException.class,
                    () -> client.tryAcquire("x", LockMode.EXCLUSIVE, Duration.ofMillis(-1)));
        }
        IllegalArgumentException ttl = assertThrows(IllegalArgumentException.class,
                () -> new LockClient(RaftClients.connect(cluster.clientConfig()), Duration.ofDays(30)));
        assertTrue(ttl.getMessage().contains("time to live"), ttl.getMessage());
    }
}
