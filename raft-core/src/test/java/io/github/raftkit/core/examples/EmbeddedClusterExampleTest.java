package io.github.raftkit.core.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.Membership;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.RaftConfig;
import io.github.raftkit.api.RaftServer;
import io.github.raftkit.api.client.ClientConfig;
import io.github.raftkit.api.client.RaftClient;
import io.github.raftkit.api.statemachine.Command;
import io.github.raftkit.api.statemachine.Snapshot;
import io.github.raftkit.api.statemachine.StateMachine;
import io.github.raftkit.core.assembly.RaftClients;
import io.github.raftkit.core.assembly.RaftServers;
import io.github.raftkit.core.memory.MemoryStorage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's example, kept compiling and passing: a replicated counter on three members in one JVM, over the
 * in-memory transport and storage (the only providers on raft-core's class path, so none is named).
 */
class EmbeddedClusterExampleTest {

    @AfterEach
    void forgetTheExampleData() {
        MemoryStorage.forget(GroupId.DEFAULT);
    }

    @Test
    void threeMembersAgreeOnACounter() {
        assertEquals("12", runExample());
    }

    // ---- README example: begin ----
    /** A replicated counter: each command adds a number, and a query returns the total. */
    static final class Counter implements StateMachine {
        private long total;

        @Override
        public List<byte[]> apply(List<Command> commands) {
            List<byte[]> results = new ArrayList<>();
            for (Command command : commands) {
                total += Long.parseLong(new String(command.payload(), UTF_8));
                results.add(Long.toString(total).getBytes(UTF_8));
            }
            return results;
        }

        @Override
        public byte[] query(byte[] query) {
            return Long.toString(total).getBytes(UTF_8);
        }

        /** A long is its own immutable view: the snapshot captures the value, then writes it on another thread. */
        @Override
        public Snapshot snapshot() {
            long value = total;
            return out -> out.write(Long.toString(value).getBytes(UTF_8));
        }

        @Override
        public void restore(InputStream in) throws IOException {
            total = Long.parseLong(new String(in.readAllBytes(), UTF_8));
        }
    }

    static String runExample() {
        Membership members = Membership.builder()
                .add("n1", "localhost:7001")
                .add("n2", "localhost:7002")
                .add("n3", "localhost:7003")
                .build();
        List<RaftServer> servers = new ArrayList<>();
        for (NodeId node : members.ids()) {
            RaftConfig config = RaftConfig.builder().node(node).membership(members).build();
            RaftServer server = RaftServers.create(config, new Counter());
            server.start().join();
            servers.add(server);
        }
        // A client needs any one member's address: it finds the leader, and waits out the first election.
        ClientConfig clientConfig = ClientConfig.builder().endpoint(Endpoint.parse("localhost:7002")).build();
        try (RaftClient client = RaftClients.connect(clientConfig)) {
            client.submit("5".getBytes(UTF_8)); // applied exactly once, however often it is retried
            client.submit("7".getBytes(UTF_8));
            return new String(client.query("total".getBytes(UTF_8)), UTF_8); // linearizable: "12"
        } finally {
            servers.forEach(RaftServer::close);
        }
    }
    // ---- README example: end ----
}
