package io.github.raftkit.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.ReadConsistency;
import io.github.raftkit.api.client.ClientReply;
import io.github.raftkit.api.client.ClientRequest;
import io.github.raftkit.api.spi.ClientHandler;
import io.github.raftkit.transport.netty.codec.ClientReplyFrame;
import io.github.raftkit.transport.netty.codec.ClientRequestFrame;
import io.github.raftkit.transport.netty.codec.Hello;
import io.github.raftkit.transport.netty.codec.MalformedReason;
import io.github.raftkit.transport.netty.codec.Wire;
import io.github.raftkit.transport.netty.codec.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Broken or hostile clients connect to n2 and send what no client would, or stop reading. Each time n2 closes that
 * connection alone and counts why, while a well-behaved client keeps its connection and its answers.
 */
class HostileClientConnectionTest {
    private static final ClientRequestFrame READ = new ClientRequestFrame(1,
            new ClientRequest.Read(Messages.GROUP, ReadConsistency.LINEARIZABLE, new byte[] {1}));
    private static final int RESULT_BYTES = 256 << 10;
    private static TestCluster cluster;
    private static TestCluster.Running n1;
    private static TestCluster.Running n2;
    private static NettyClientTransport wellBehaved;

    @BeforeAll
    static void start() {
        cluster = new TestCluster(2, Map.of());
        ClientHandler handler = request -> CompletableFuture.completedFuture(new ClientReply.Result(
                new byte[request instanceof ClientRequest.Read read && read.query().length > 1 ? RESULT_BYTES : 1]));
        // n2 refuses frames above 1 MiB, so unread replies pass its limit quickly; n1 has the default limit and a
        // short idle timeout, so a client that stops reading outlasts its patience first.
        n2 = cluster.start("n2", Map.of("netty.maxFrameBytes", String.valueOf(1 << 20)), handler);
        n1 = cluster.start("n1", Map.of("netty.idleTimeoutMillis", "500"), handler);
        wellBehaved = new NettyClientTransport(NettyTransportSettings.defaults());
        assertWellBehavedClientIsAnswered();
    }

    @AfterAll
    static void stop() {
        wellBehaved.close();
        cluster.close();
    }

    @Test
    void clientRequestWithAnImpossibleBodyIsRefused() {
        byte[] frame = Wire.encode(READ);
        frame[WireFormat.HEADER_BYTES + Long.BYTES + 3] = 9; // no read consistency has code 9
        assertClosedFor(MalformedReason.BAD_BODY, frame);
    }

    @Test
    void raftMessageOnAClientConnectionIsRefused() {
        assertClosedFor(MalformedReason.MIXED_TRAFFIC, concat(Wire.encode(READ), Wire.encode(Messages.vote("n1", "n2",
                1))));
    }

    @Test
    void clientRequestOnAMembersConnectionIsRefused() {
        assertClosedFor(MalformedReason.MIXED_TRAFFIC, concat(Wire.encode(new Hello(NodeId.of("n1"),
                NodeId.of("n2"))), Wire.encode(READ)));
    }

    @Test
    void replySentToAMemberIsRefused() {
        assertClosedFor(MalformedReason.MIXED_TRAFFIC, Wire.encode(new ClientReplyFrame(1,
                new ClientReply.ReadIndex(3))));
    }

    @Test
    void clientLeavingMoreThanAFrameOfRepliesUnreadIsClosedAndCounted() {
        // 400 replies of 256 KiB: 100 MiB, far beyond what loopback socket buffers absorb.
        assertClosedForNotReading("n2", n2, 400);
    }

    @Test
    void clientThatStopsReadingIsClosedAfterTheIdleTimeout() {
        // 16 MiB: more than the socket buffers take, less than one default frame of replies waiting.
        assertClosedForNotReading("n1", n1, 64);
    }

    /** Sends {@code count} reads with large results to member {@code id} and reads none of the replies. */
    private static void assertClosedForNotReading(String id, TestCluster.Running member, int count) {
        double before = member.meters().get("raft.transport.client.unread").counter().count();
        ClientRequestFrame bigRead = new ClientRequestFrame(1,
                new ClientRequest.Read(Messages.GROUP, ReadConsistency.STALE, new byte[2]));
        ByteArrayOutputStream requests = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            requests.writeBytes(Wire.encode(bigRead));
        }
        Endpoint endpoint = cluster.endpoint(id);
        try (Socket socket = new Socket(endpoint.host(), endpoint.port())) {
            socket.getOutputStream().write(requests.toByteArray());
            socket.getOutputStream().flush();
            Eventually.await("the member closes the client that does not read",
                    () -> member.meters().get("raft.transport.client.unread").counter().count() == before + 1);
        } catch (IOException reset) {
            // The member may close while requests are still being written: what this test expects.
        }
        assertWellBehavedClientIsAnswered();
    }

    private static void assertClosedFor(MalformedReason reason, byte[] input) {
        double before = malformed(reason);
        RawConnection.sendAndAwaitClose(cluster.endpoint("n2"), input);
        Eventually.await("n2 counts " + reason.tag(), () -> malformed(reason) == before + 1);
        assertWellBehavedClientIsAnswered();
    }

    private static void assertWellBehavedClientIsAnswered() {
        ClientReply reply = wellBehaved.call(cluster.endpoint("n2"), READ.request(), Duration.ofSeconds(20)).join();
        assertEquals(1, ((ClientReply.Result) reply).value().length);
    }

    private static double malformed(MalformedReason reason) {
        return n2.meters().get("raft.transport.malformed").tag("reason", reason.tag()).counter().count();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
