package io.github.raftkit.core.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.Membership;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.error.ConfigurationException;
import io.github.raftkit.api.message.RaftMessage;
import io.github.raftkit.api.message.TimeoutNow;
import io.github.raftkit.api.spi.ClientHandler;
import io.github.raftkit.api.spi.Transport;
import io.github.raftkit.api.spi.TransportContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class MemoryNetworkTest {
    private static final ClientHandler NO_CLIENTS = ClientHandler.refusingAll("this test serves no clients");
    private static final NodeId N1 = NodeId.of("n1");
    private static final NodeId N2 = NodeId.of("n2");
    private final Membership membership = Membership.builder()
            .add(N1, new Endpoint("memory-network-test", 1))
            .add(N2, new Endpoint("memory-network-test", 2))
            .build();
    private final MemoryTransportProvider provider = new MemoryTransportProvider();

    @Test
    void aMessageReachesTheMemberListeningAtItsReceiversEndpoint() {
        List<RaftMessage> received = new CopyOnWriteArrayList<>();
        try (Transport t1 = transport(N1); Transport t2 = transport(N2)) {
            t1.start(message -> { }, NO_CLIENTS);
            t2.start(received::add, NO_CLIENTS);
            t1.send(message(N1, N2));
            assertEquals(List.of(message(N1, N2)), received);
        }
    }

    @Test
    void aMessageNobodyListensForIsDroppedAndCounted() {
        try (Transport t1 = transport(N1)) {
            t1.start(message -> { }, NO_CLIENTS);
            long before = MemoryNetwork.dropped();
            t1.send(message(N1, N2));
            t1.send(message(N1, NodeId.of("stranger")));
            assertEquals(before + 2, MemoryNetwork.dropped());
        }
    }

    @Test
    void twoMembersCannotListenAtOneEndpointButARestartedOneCan() {
        try (Transport first = transport(N1)) {
            first.start(message -> { }, NO_CLIENTS);
            assertThrows(ConfigurationException.class, () -> transport(N1).start(message -> { }, NO_CLIENTS));
        }
        try (Transport restarted = transport(N1)) {
            restarted.start(message -> { }, NO_CLIENTS);
        }
    }

    private Transport transport(NodeId self) {
        return provider.create(new TransportContext(self, membership, Map.of()));
    }

    private static RaftMessage message(NodeId from, NodeId to) {
        return new TimeoutNow(GroupId.of("memory-network-test"), from, to, 1);
    }
}
