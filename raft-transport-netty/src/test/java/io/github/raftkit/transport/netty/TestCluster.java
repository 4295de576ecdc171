package io.github.raftkit.transport.netty;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.Membership;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.message.RaftMessage;
import io.github.raftkit.api.spi.ClientHandler;
import io.github.raftkit.api.spi.TransportContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.IntStream;

/**
 * Transports for members {@code n1..nN} on loopback, each with its own meter registry and an inbox of what it
 * received. Closing the fixture closes every transport still running.
 */
public final class TestCluster implements AutoCloseable {
    private final Membership membership;
    private final Map<String, String> properties;
    private final Map<NodeId, Running> running = new HashMap<>();

    /** A running member: its transport, its meters, and the messages it received, in arrival order. */
    public record Running(NettyTransport transport, MeterRegistry meters, LinkedBlockingQueue<RaftMessage> inbox) {
    }

    public TestCluster(int size, Map<String, String> properties) {
        Membership.Builder builder = Membership.builder();
        IntStream.rangeClosed(1, size).forEach(i -> builder.add(NodeId.of("n" + i),
                new Endpoint(LoopbackPorts.HOST, LoopbackPorts.free())));
        this.membership = builder.build();
        this.properties = properties;
    }

    public Membership membership() {
        return membership;
    }

    /** Starts member {@code id} with the fixture's properties. */
    public Running start(String id) {
        return start(id, properties);
    }

    /** Starts member {@code id} with its own properties, serving no clients. */
    public Running start(String id, Map<String, String> memberProperties) {
        return start(id, memberProperties, ClientHandler.refusingAll("this test serves no clients"));
    }

    /** Starts member {@code id} with its own properties, serving clients with {@code clients}. */
    public Running start(String id, Map<String, String> memberProperties, ClientHandler clients) {
        NodeId node = NodeId.of(id);
        MeterRegistry meters = new SimpleMeterRegistry();
        NettyTransport transport = new NettyTransport(new TransportContext(node, membership, memberProperties),
                NettyTransportSettings.from(memberProperties), meters);
        LinkedBlockingQueue<RaftMessage> inbox = new LinkedBlockingQueue<>();
        transport.start(inbox::add, clients);
        Running member = new Running(transport, meters, inbox);
        running.put(node, member);
        return member;
    }

    /** Starts every member. */
    public List<Running> startAll() {
        return membership.ids().stream().map(id -> start(id.value())).toList();
    }

    /** Closes member {@code id}. */
    public void stop(String id) {
        running.remove(NodeId.of(id)).transport().close();
    }

    /** The endpoint of member {@code id}. */
    public Endpoint endpoint(String id) {
        return membership.endpoint(NodeId.of(id));
    }

    @Override
    public void close() {
        running.values().forEach(member -> member.transport().close());
        running.clear();
    }
}
