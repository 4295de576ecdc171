package io.github.raftkit.core.memory;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.error.ConfigurationException;
import io.github.raftkit.api.message.RaftMessage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The process-wide network of the memory transport. A member's {@link Endpoint} is its address here, as it would be
 * on a real network, but nothing is bound: a transport "listens" by registering its inbound consumer under its
 * endpoint, and a message is handed to whatever listens at the receiver's endpoint. Two clusters in one JVM stay
 * apart by using different endpoints; a restarted member takes its endpoint back.
 *
 * <p>Delivery is a direct call of the receiver's consumer on the sender's thread, so it is only as non-blocking as
 * that consumer: a server's consumer just enqueues (or drops when its queue is full). A message for an endpoint
 * nobody listens at (or that a closed transport sends) is dropped and counted in {@link #dropped()}. Thread-safe.
 */
public final class MemoryNetwork {
    private static final ConcurrentMap<Endpoint, Consumer<RaftMessage>> LISTENERS = new ConcurrentHashMap<>();
    private static final LongAdder DROPPED = new LongAdder();

    private MemoryNetwork() {
    }

    /** Registers {@code inbound} at {@code endpoint}; like a bind, it fails if someone listens there already. */
    static void listen(Endpoint endpoint, Consumer<RaftMessage> inbound) {
        if (LISTENERS.putIfAbsent(endpoint, inbound) != null) {
            throw new ConfigurationException("memory network: another member already listens at " + endpoint);
        }
    }

    /** Unregisters {@code inbound}, if it is still the one listening at {@code endpoint}. */
    static void unlisten(Endpoint endpoint, Consumer<RaftMessage> inbound) {
        LISTENERS.remove(endpoint, inbound);
    }

    /** Hands {@code message} to the listener at {@code endpoint}, or drops and counts it. */
    static void deliver(Endpoint endpoint, RaftMessage message) {
        Consumer<RaftMessage> inbound = LISTENERS.get(endpoint);
        if (inbound == null) {
            drop();
        } else {
            inbound.accept(message);
        }
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
