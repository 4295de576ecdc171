package io.github.raftkit.core.client;

import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.error.RaftException;
import io.github.raftkit.api.error.RequestRejectedException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A client's meters, tagged with its {@code group}: {@code raft.client.calls} by type and outcome,
 * {@code raft.client.call.latency} by type (answered calls only), {@code raft.client.attempts.retried}. Thread-safe.
 */
final class ClientMeters implements AutoCloseable {
    private final MeterRegistry registry;
    private final String group;
    private final Map<String, Counter> calls = new ConcurrentHashMap<>();
    private final Map<String, Timer> latency = new ConcurrentHashMap<>();
    private final List<Meter> meters = new CopyOnWriteArrayList<>();
    private final Counter retries;

    ClientMeters(MeterRegistry registry, GroupId group) {
        this.registry = registry;
        this.group = group.toString();
        this.retries = remember(Counter.builder("raft.client.attempts.retried")
                .description("Attempts a client repeated after a redirect, refusal or failure").tag("group", this.group)
                .register(registry));
    }

    /** A call of {@code type} ended, with {@code error} or successfully ({@code null}), after {@code nanos}. */
    void call(String type, Throwable error, long nanos) {
        String outcome = error == null ? "ok" : outcome(error);
        calls.computeIfAbsent(type + '/' + outcome, key -> remember(Counter.builder("raft.client.calls")
                .description("Client calls by type and outcome").tag("group", group).tag("type", type)
                .tag("outcome", outcome).register(registry))).increment();
        if (error == null) {
            latency.computeIfAbsent(type, key -> remember(Timer.builder("raft.client.call.latency")
                    .description("From a call to its answer, retries included").tag("group", group)
                    .tag("type", type).register(registry))).record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    void retry() {
        retries.increment();
    }

    private static String outcome(Throwable error) {
        if (error instanceof RequestRejectedException rejected) {
            return rejected.error().name().toLowerCase(Locale.ROOT);
        }
        String name = error instanceof RaftException ? error.getClass().getSimpleName().replace("Exception", "")
                : "error";
        return name.toLowerCase(Locale.ROOT);
    }

    private <M extends Meter> M remember(M meter) {
        meters.add(meter);
        return meter;
    }

    @Override
    public void close() {
        meters.forEach(registry::remove);
    }
}
