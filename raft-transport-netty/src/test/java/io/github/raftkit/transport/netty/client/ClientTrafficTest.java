package io.github.raftkit.transport.netty.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.ReadConsistency;
import io.github.raftkit.api.client.ClientError;
import io.github.raftkit.api.client.ClientReply;
import io.github.raftkit.api.client.ClientRequest;
import io.github.raftkit.api.error.RaftTimeoutException;
import io.github.raftkit.api.spi.ClientTransportProvider;
import io.github.raftkit.transport.netty.Eventually;
import io.github.raftkit.transport.netty.LoopbackPorts;
import io.github.raftkit.transport.netty.Messages;
import io.github.raftkit.transport.netty.NettyClientTransport;
import io.github.raftkit.transport.netty.NettyTransportSettings;
import io.github.raftkit.transport.netty.TestCluster;
import io.github.raftkit.transport.netty.codec.Wire;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A client transport calls a real member over loopback; the member's client handler is a scripted fake. */
class ClientTrafficTest {
    private static final Duration PATIENT = Duration.ofSeconds(20);
    private static final Endpoint LEADER = new Endpoint("127.0.0.1", 7002);

    private final TestCluster cluster = new TestCluster(1, Map.of());
    private final List<ClientRequest> received = new CopyOnWriteArrayList<>();
    private NettyClientTransport client = newClient(Map.of());

    @AfterEach
    void close() {
        client.close();
        cluster.close();
    }

    @Test
    void everyRequestKindReachesTheHandlerAndItsReplyComesBack() {
        cluster.start("n1", Map.of(), this::echo);
        ClientRequest.Write write = new ClientRequest.Write(Messages.GROUP, 3, 5, 2, bytes("set x"));
        List<ClientRequest> requests = List.of(new ClientRequest.Register(Messages.GROUP), write,
                new ClientRequest.Read(Messages.GROUP, ReadConsistency.LEASE, bytes("get x")),
                new ClientRequest.ReadBarrier(Messages.GROUP), new ClientRequest.Forwarded(write));
        List<ClientReply> expected = List.of(new ClientReply.Registered(7), new ClientReply.Result(bytes("set x")),
                new ClientReply.Result(bytes("get x")), new ClientReply.ReadIndex(42),
                new ClientReply.Rejected(ClientError.NOT_LEADER, "ask n2", Optional.of(LEADER)));
        for (int i = 0; i < requests.size(); i++) {
            ClientReply reply = call(requests.get(i), PATIENT).join();
            int at = i;
            assertTrue(Wire.same(expected.get(i), reply), () -> "expected " + expected.get(at) + ", got " + reply);
            assertTrue(Wire.same(requests.get(i), received.get(i)), "handler got " + received.get(i));
        }
    }

    @Test
    void repliesArriveInWhateverOrderTheHandlerAnswers() {
        List<CompletableFuture<ClientReply>> held = new CopyOnWriteArrayList<>();
        cluster.start("n1", Map.of(), request -> {
            CompletableFuture<ClientReply> reply = new CompletableFuture<>();
            received.add(request);
            held.add(reply);
            return reply;
        });
        List<CompletableFuture<ClientReply>> calls = List.of(read("a"), read("b"), read("c"));
        Eventually.await("the member holds three requests", () -> held.size() == 3);
        for (int i = 2; i >= 0; i--) {
            held.get(i).complete(echoReply(received.get(i)));
            CompletableFuture<ClientReply> answered = calls.get(i);
            Eventually.await("reply to " + text(received.get(i)) + " arrives", answered::isDone);
            for (int earlier = 0; earlier < i; earlier++) {
                assertFalse(calls.get(earlier).isDone(), "call " + earlier + " was answered before its reply");
            }
        }
        assertEquals(List.of("a", "b", "c"), calls.stream().map(call -> text(call.join())).toList());
    }

    @Test
    void callTimesOutWhenTheHandlerNeverAnswersAndLeavesNothingBehind() {
        cluster.start("n1", Map.of(), request -> new CompletableFuture<>());
        CompletableFuture<ClientReply> call = call(new ClientRequest.Register(Messages.GROUP), Duration.ofMillis(200));
        assertInstanceOf(RaftTimeoutException.class, failure(call));
        assertEquals(0, client.inFlight());
    }

    @Test
    void connectionThatNeverAnswersIsGivenUpAfterATimeoutAndDialledAgain() throws IOException {
        // A black hole: accepts, reads, never answers, as a member whose host died mid-connection looks to a client.
        try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getByName(LoopbackPorts.HOST))) {
            blackHole.setSoTimeout((int) Eventually.DEADLINE.toMillis());
            Endpoint silent = new Endpoint(LoopbackPorts.HOST, blackHole.getLocalPort());
            CompletableFuture<ClientReply> first = client.call(silent, new ClientRequest.Register(Messages.GROUP),
                    Duration.ofMillis(200));
            try (Socket given = blackHole.accept()) {
                assertInstanceOf(RaftTimeoutException.class, failure(first));
                given.setSoTimeout((int) Eventually.DEADLINE.toMillis());
                given.getInputStream().readAllBytes(); // returns once the client closed its side
            }
            client.call(silent, new ClientRequest.Register(Messages.GROUP), Duration.ofMillis(200));
            blackHole.accept().close();
        }
    }

    @Test
    void unreachableMemberFailsTheCallFastWithAnIOExceptionNamingIt() {
        Endpoint nobody = new Endpoint(LoopbackPorts.HOST, LoopbackPorts.free());
        long start = System.nanoTime();
        Throwable failure = failure(client.call(nobody, new ClientRequest.Register(Messages.GROUP), PATIENT));
        assertInstanceOf(IOException.class, failure);
        assertTrue(failure.getMessage().contains(nobody.toString()), failure.getMessage());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "refusal took too long");
        assertEquals(0, client.inFlight());
    }

    @Test
    void clientDialsAgainAfterTheMemberRestarts() {
        cluster.start("n1", Map.of(), this::echo);
        assertEquals(new ClientReply.Registered(7), call(new ClientRequest.Register(Messages.GROUP), PATIENT).join());
        cluster.stop("n1");
        // The client learns of the closed connection asynchronously; a call racing that may time out instead.
        Eventually.await("calls to the stopped member fail as unreachable", () -> failure(call(
                new ClientRequest.Register(Messages.GROUP), Duration.ofSeconds(2))) instanceof IOException);
        cluster.start("n1", Map.of(), this::echo);
        Eventually.await("the client reaches the restarted member", () -> call(
                new ClientRequest.Register(Messages.GROUP), PATIENT).handle((reply, error) -> reply != null).join());
    }

    @Test
    void requestsBeyondTheConnectionsCapAreRefusedAsOverloadedWithoutReachingTheHandler() {
        var member = cluster.start("n1", Map.of("netty.client.maxPending", "2"), request -> {
            received.add(request);
            return new CompletableFuture<>();
        });
        read("a");
        read("b");
        ClientReply third = read("c").join();
        assertEquals(ClientError.OVERLOADED, ((ClientReply.Rejected) third).error());
        assertEquals(2, received.size());
        assertEquals(1, member.meters().get("raft.transport.client.rejected").tag("error", "overloaded").counter()
                .count());
        assertEquals(3, member.meters().get("raft.transport.client.requests").tag("kind", "read").counter().count());
    }

    @Test
    void requestLargerThanTheFrameLimitIsRefusedBeforeSending() {
        cluster.start("n1", Map.of(), this::echo);
        byte[] huge = new byte[17 << 20];
        Throwable failure = failure(call(new ClientRequest.Read(Messages.GROUP, ReadConsistency.STALE, huge), PATIENT));
        assertTrue(failure.getMessage().contains("netty.maxFrameBytes"), failure.getMessage());
        assertTrue(received.isEmpty());
    }

    @Test
    void replyLargerThanTheFrameLimitBecomesARejection() {
        byte[] huge = new byte[(64 << 10) + 1];
        cluster.start("n1", Map.of("netty.maxFrameBytes", String.valueOf(64 << 10)),
                request -> CompletableFuture.completedFuture(new ClientReply.Result(huge)));
        ClientReply reply = read("a").join();
        assertEquals(ClientError.QUERY_FAILED, ((ClientReply.Rejected) reply).error());
    }

    @Test
    void closingFailsCallsInFlightAndLaterCalls() {
        cluster.start("n1", Map.of(), request -> new CompletableFuture<>());
        CompletableFuture<ClientReply> waiting = read("a");
        client.close();
        assertEquals("ShutdownException", failure(waiting).getClass().getSimpleName());
        assertEquals("ShutdownException", failure(read("b")).getClass().getSimpleName());
    }

    @Test
    void clientTransportIsFoundByItsNameLikeTheMembersTransport() {
        List<String> names = ServiceLoader.load(ClientTransportProvider.class).stream()
                .map(provider -> provider.get().name()).toList();
        assertTrue(names.contains("netty"), "providers: " + names);
    }

    private CompletableFuture<ClientReply> echo(ClientRequest request) {
        received.add(request);
        return CompletableFuture.completedFuture(echoReply(request));
    }

    private static ClientReply echoReply(ClientRequest request) {
        if (request instanceof ClientRequest.Register) {
            return new ClientReply.Registered(7);
        } else if (request instanceof ClientRequest.Write write) {
            return new ClientReply.Result(write.command());
        } else if (request instanceof ClientRequest.Read read) {
            return new ClientReply.Result(read.query());
        } else if (request instanceof ClientRequest.ReadBarrier) {
            return new ClientReply.ReadIndex(42);
        }
        return new ClientReply.Rejected(ClientError.NOT_LEADER, "ask n2", Optional.of(LEADER));
    }

    private CompletableFuture<ClientReply> read(String query) {
        return call(new ClientRequest.Read(Messages.GROUP, ReadConsistency.LINEARIZABLE, bytes(query)), PATIENT);
    }

    private CompletableFuture<ClientReply> call(ClientRequest request, Duration timeout) {
        return client.call(cluster.endpoint("n1"), request, timeout);
    }

    static NettyClientTransport newClient(Map<String, String> properties) {
        return new NettyClientTransport(NettyTransportSettings.from(properties));
    }

    static Throwable failure(CompletableFuture<?> call) {
        try {
            call.orTimeout(Eventually.DEADLINE.toSeconds(), TimeUnit.SECONDS).join();
        } catch (CompletionException e) {
            return e.getCause();
        }
        throw new AssertionError("the call succeeded: " + call.join());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(ClientReply reply) {
        return new String(((ClientReply.Result) reply).value(), StandardCharsets.UTF_8);
    }

    private static String text(ClientRequest read) {
        return new String(((ClientRequest.Read) read).query(), StandardCharsets.UTF_8);
    }
}
