package io.github.raftkit.core.memory;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.client.ClientReply;
import io.github.raftkit.api.client.ClientRequest;
import io.github.raftkit.api.error.ConfigurationException;
import io.github.raftkit.api.message.RaftMessage;
import io.github.raftkit.api.spi.ClientHandler;
import java.net.ConnectException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The process-wide network of the memory transport. A member's {@link Endpoint} is its address here, as it would be
 * on a real network, but nothing is bound: a transport "listens" by registering its inbound consumer under its
 * endpoint (with its client handler), and a message or client request is handed to whatever listens at the
 * receiver's endpoint. Two clusters in one JVM stay
 * apart by using different endpoints; a restarted member takes its endpoint back.
 *
 * <p>Delivery is a direct call of the receiver's consumer on the sender's thread, so it is only as non-blocking as
 * that consumer: a server's consumer just enqueues (or drops when its queue is full). A message for an endpoint
 * nobody listens at (or that a closed transport sends) is dropped and counted in {@link #dropped()}. Thread-safe.
 */
public final class MemoryNetwork {
    private static final ConcurrentMap<Endpoint, Listener> LISTENERS = new ConcurrentHashMap<>();
    private static final LongAdder DROPPED = new LongAdder();

    /** What listens at one endpoint: a member's consumer of Raft messages and its handler of client requests. */
    record Listener(Consumer<RaftMessage> inbound, ClientHandler clients) {
    }

    private MemoryNetwork() {
    }

    /** Registers {@code listener} at {@code endpoint}; like a bind, it fails if someone listens there already. */
    static void listen(Endpoint endpoint, Listener listener) {
        if (LISTENERS.putIfAbsent(endpoint, listener) != null) {
            throw new ConfigurationException("memory network: another member already listens at " + endpoint);
        }
    }

    /** Unregisters {@code listener}, if it is still the one listening at {@code endpoint}. */
    static void unlisten(Endpoint endpoint, Listener listener) {
        LISTENERS.remove(endpoint, listener);
    }

    /** Hands {@code message} to the listener at {@code endpoint}, or drops and counts it. */
    static void deliver(Endpoint endpoint, RaftMessage message) {
        Listener listener = LISTENERS.get(endpoint);
        if (listener == null) {
            drop();
        } else {
            listener.inbound().accept(message);
        }
    }

    /** Hands a client request to the member at {@code endpoint}; fails as a refused connection if none listens. */
    static CompletableFuture<ClientReply> call(Endpoint endpoint, ClientRequest request) {
        Listener listener = LISTENERS.get(endpoint);
        if (listener == null) {
            return CompletableFuture.failedFuture(new ConnectException("memory network: nobody listens at "
                    + endpoint));
        }
        return listener.clients().handle(request);
    }

    /** Counts a message that could not be delivered. */
    static void drop() {
        DROPPED.increment();
    }

    /** Messages dropped so far because nobody could take them. */
    public static long dropped() {
        return DROPPED.sum();
    }
}
