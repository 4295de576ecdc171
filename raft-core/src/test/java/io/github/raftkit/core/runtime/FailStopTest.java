package io.github.raftkit.core.runtime;

import static io.github.raftkit.core.runtime.RegisterStateMachine.bytes;
import static io.github.raftkit.core.runtime.RequestRoutingTest.failure;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.RaftServer;
import io.github.raftkit.api.error.ShutdownException;
import io.github.raftkit.api.error.StorageException;
import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.api.spi.LogStore;
import io.github.raftkit.api.spi.LogStoreProvider;
import io.github.raftkit.api.spi.StorageContext;
import io.github.raftkit.core.memory.MemoryLogStoreProvider;
import io.github.raftkit.core.memory.MemoryMetadataStoreProvider;
import io.github.raftkit.core.memory.MemorySnapshotStoreProvider;
import io.github.raftkit.core.memory.MemoryTransportProvider;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** A member whose storage or state machine fails stops, rather than acknowledge what it cannot stand behind. */
class FailStopTest {

    @Test
    void aFailedFsyncStopsTheMemberAndRequestsFailWithTheStorageError() {
        try (TestCluster cluster = TestCluster.of(1)) {
            // A lone member elects itself and writes its no-op entry at once, so the first fsync fails right away.
            RaftServer server = new RaftNode(new NodeSetup(cluster.config(NodeId.of("n1")),
                    new RegisterStateMachine(), new NodePlugins(new MemoryTransportProvider(), new FailingSyncLog(),
                    new MemoryMetadataStoreProvider(), new MemorySnapshotStoreProvider(), Optional.empty()),
                    new SimpleMeterRegistry(),
                    Clock.SYSTEM, Thread::new, Executors.newSingleThreadScheduledExecutor()));
            server.start().join();

            // Once failed, the member refuses at once with the storage error; until then proposals wait or redirect.
            Await.until("the member refuses work after its fsync failed", () -> server.propose(bytes("x"))
                    .handle((result, error) -> error).getNow(null) instanceof StorageException);
            StorageException error = failure(StorageException.class, server.propose(bytes("x")));
            assertTrue(error.getMessage().contains("disk on fire"), error.getMessage());
            server.stop().join();
        }
    }

    @Test
    void aStateMachineFailureStopsTheMember() {
        try (TestCluster cluster = TestCluster.of(1)) {
            NodeId node = NodeId.of("n1");
            RaftServer server = cluster.start(node);
            cluster.awaitLeader();

            failure(ShutdownException.class, server.propose(bytes(RegisterStateMachine.FAIL)));
            failure(ShutdownException.class, server.propose(bytes("after the failure")));
        }
    }

    /** The memory log, except that every fsync fails. */
    private static final class FailingSyncLog implements LogStoreProvider {
        @Override
        public String name() {
            return "failing";
        }

        @Override
        public LogStore open(StorageContext context) {
            LogStore log = new MemoryLogStoreProvider().open(context);
            return new LogStore() {
                @Override
                public long firstIndex() {
                    return log.firstIndex();
                }

                @Override
                public long lastIndex() {
                    return log.lastIndex();
                }

                @Override
                public List<LogEntry> read(long fromIndex, long toIndex, long maxBytes) {
                    return log.read(fromIndex, toIndex, maxBytes);
                }

                @Override
                public void append(List<LogEntry> entries) {
                    log.append(entries);
                }

                @Override
                public void truncateSuffix(long fromIndex) {
                    log.truncateSuffix(fromIndex);
                }

                @Override
                public void compactPrefix(long throughIndex) {
                    log.compactPrefix(throughIndex);
                }

                @Override
                public void sync() {
                    throw new StorageException("fsync failed: disk on fire");
                }

                @Override
                public void close() {
                    log.close();
                }
            };
        }
    }
}
