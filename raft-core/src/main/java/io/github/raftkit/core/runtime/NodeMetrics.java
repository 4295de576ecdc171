package io.github.raftkit.core.runtime;

import io.github.raftkit.api.Role;
import io.github.raftkit.api.ServerStatus;
import io.github.raftkit.api.error.NotLeaderException;
import io.github.raftkit.api.error.OverloadedException;
import io.github.raftkit.api.error.RaftTimeoutException;
import io.github.raftkit.api.error.ShutdownException;
import io.github.raftkit.api.error.StorageException;
import io.github.raftkit.core.engine.Anomaly;
import io.github.raftkit.core.engine.RaftEngine;
import io.github.raftkit.core.session.SessionStateMachine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * A member's Micrometer meters, all named {@code raft.*} and tagged with {@code group} and {@code node}.
 *
 * <p>They are registered when the member starts and removed when it stops, so that a member restarted in the same
 * JVM and registry reports afresh instead of through the stopped one's gauges. Counters and timers may be updated
 * from any thread; gauges read state that the member publishes for other threads; the anomaly counts are copied
 * from the engine by the engine loop.
 */
final class NodeMetrics implements AutoCloseable {

    /** How a proposal ended, as the {@code outcome} tag of {@code raft.proposals}. */
    private enum Outcome {
        SUCCEEDED, NOT_LEADER, TIMED_OUT, OVERLOADED, SHUT_DOWN, STORAGE_FAILED, FAILED;

        static Outcome of(Throwable error) {
            if (error == null) {
                return SUCCEEDED;
            } else if (error instanceof NotLeaderException) {
                return NOT_LEADER;
            } else if (error instanceof RaftTimeoutException) {
                return TIMED_OUT;
            } else if (error instanceof OverloadedException) {
                return OVERLOADED;
            } else if (error instanceof ShutdownException) {
                return SHUT_DOWN;
            } else if (error instanceof StorageException) {
                return STORAGE_FAILED;
            }
            return FAILED;
        }

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final Tags tags;
    /** Every meter registered, to remove on close; client meters join from transport threads. */
    private final List<Meter> meters = new CopyOnWriteArrayList<>();
    private final Map<Outcome, Counter> proposals = new EnumMap<>(Outcome.class);
    private final Map<Anomaly, AtomicLong> anomalies = new EnumMap<>(Anomaly.class);
    private final Timer proposalLatency;
    private final Timer fsyncLatency;
    private final DistributionSummary appendBatch;
    private final Counter leaderChanges;
    private final Counter elections;
    private final Counter droppedMessages;
    private final Counter readIndexRounds;
    private final Map<String, Counter> clientRequests = new ConcurrentHashMap<>();
    private final Map<String, Timer> clientLatency = new ConcurrentHashMap<>();
    private final DistributionSummary snapshotSize;
    private final Timer snapshotTake;
    private final Timer snapshotSend;
    private final Timer snapshotInstall;

    NodeMetrics(MeterRegistry registry, NodeSetup setup, Supplier<ServerStatus> status, IntSupplier pendingRequests) {
        this.registry = registry;
        this.tags = Tags.of("group", setup.config().group().value(), "node", setup.config().node().value());
        gauge("raft.term", "The member's current term", status, s -> s.get().term());
        gauge("raft.commit.index", "The highest log index known committed", status, s -> s.get().commitIndex());
        gauge("raft.applied.index", "The highest log index applied to the state machine", status,
                s -> s.get().appliedIndex());
        gauge("raft.log.last.index", "The highest index in the log", status, s -> s.get().lastLogIndex());
        for (Role role : Role.values()) {
            // One series per role, 1 for the current one: dashboards can stack them and alert on "no leader".
            remember(Gauge.builder("raft.role", status, s -> s.get().role() == role ? 1 : 0)
                    .description("1 for the role the member plays now, else 0").tags(tags)
                    .tag("role", role.name().toLowerCase(Locale.ROOT)).strongReference(true).register(registry));
        }
        remember(Gauge.builder("raft.pending.requests", pendingRequests, IntSupplier::getAsInt)
                .description("Proposals and reads waiting for a decision").tags(tags).strongReference(true)
                .register(registry));
        for (Outcome outcome : Outcome.values()) {
            proposals.put(outcome, remember(Counter.builder("raft.proposals")
                    .description("Proposals by how they ended").tags(tags).tag("outcome", outcome.tag())
                    .register(registry)));
        }
        for (Anomaly anomaly : Anomaly.values()) {
            AtomicLong count = new AtomicLong();
            anomalies.put(anomaly, count);
            remember(FunctionCounter.builder("raft.messages.ignored", count, AtomicLong::get)
                    .description("Messages and inputs the engine ignored or refused by the rules").tags(tags)
                    .tag("reason", anomaly.name().toLowerCase(Locale.ROOT)).register(registry));
        }
        proposalLatency = remember(Timer.builder("raft.proposal.latency")
                .description("From proposal to its result, for proposals that succeeded").tags(tags)
                .register(registry));
        fsyncLatency = remember(Timer.builder("raft.fsync.latency")
                .description("How long one group-commit fsync of the log takes").tags(tags).register(registry));
        appendBatch = remember(DistributionSummary.builder("raft.append.batch.size")
                .description("Log entries made durable by one fsync").baseUnit("entries").tags(tags)
                .register(registry));
        leaderChanges = remember(Counter.builder("raft.leader.changes")
                .description("Times the member learned of a new leader").tags(tags).register(registry));
        elections = remember(Counter.builder("raft.elections")
                .description("Elections this member started as a candidate").tags(tags).register(registry));
        snapshotSize = remember(DistributionSummary.builder("raft.snapshot.size")
                .description("Bytes of each snapshot taken or installed").baseUnit("bytes").tags(tags)
                .register(registry));
        snapshotTake = remember(Timer.builder("raft.snapshot.take")
                .description("From the state machine's view to the snapshot written and committed").tags(tags)
                .register(registry));
        snapshotSend = remember(Timer.builder("raft.snapshot.send")
                .description("From the first chunk of a snapshot sent to a follower to the last").tags(tags)
                .register(registry));
        snapshotInstall = remember(Timer.builder("raft.snapshot.install")
                .description("From the first chunk received to the snapshot verified and committed").tags(tags)
                .register(registry));
        readIndexRounds = remember(Counter.builder("raft.read.index")
                .description("Reads and read barriers a leader took on to confirm by ReadIndex or by its lease").tags(tags)
                .register(registry));
        droppedMessages = remember(Counter.builder("raft.messages.dropped")
                .description("Messages from peers dropped because the engine loop's queue was full").tags(tags)
                .register(registry));
    }

    /** A snapshot this member took was written: its size, and the time from taking the view to the commit. */
    void snapshotTaken(long bytes, long nanos) {
        snapshotSize.record(bytes);
        snapshotTake.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A leader sent a follower the last chunk of a snapshot, this long after the first. */
    void snapshotSent(long nanos) {
        snapshotSend.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A follower received, verified and committed a snapshot, this long after its first chunk. */
    void snapshotInstalled(long bytes, long nanos) {
        snapshotSize.record(bytes);
        snapshotInstall.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Counts {@code future}'s outcome when it completes, and times it if it succeeded. */
    void proposal(CompletableFuture<?> future) {
        long start = registry.config().clock().monotonicTime();
        future.whenComplete((result, error) -> {
            Outcome outcome = Outcome.of(error);
            proposals.get(outcome).increment();
            if (outcome == Outcome.SUCCEEDED) {
                proposalLatency.record(registry.config().clock().monotonicTime() - start, TimeUnit.NANOSECONDS);
            }
        });
    }

    /**
     * Counts a client request served by this member as {@code raft.client.requests} with its {@code type} and
     * {@code outcome} ({@code ok} or the error code), and times it in {@code raft.client.request.latency}.
     */
    void clientRequest(String type, String outcome, long nanos) {
        clientRequests.computeIfAbsent(type + '/' + outcome, key -> remember(Counter.builder("raft.client.requests")
                .description("Client requests this member answered, by type and outcome")
                .tags(tags).tag("type", type).tag("outcome", outcome).register(registry))).increment();
        clientLatency.computeIfAbsent(type, key -> remember(Timer.builder("raft.client.request.latency")
                .description("From a client request's arrival to its answer").tags(tags).tag("type", type)
                .register(registry))).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Publishes how duplicate client writes were answered: from the reply cache, or as no longer available. */
    void retries(SessionStateMachine sessions) {
        retries("cached", sessions, SessionStateMachine::retriesAnswered);
        retries("unavailable", sessions, SessionStateMachine::retriesUnanswerable);
    }

    private void retries(String answer, SessionStateMachine sessions, ToDoubleFunction<SessionStateMachine> count) {
        remember(FunctionCounter.builder("raft.client.retries", sessions, count)
                .description("Duplicate client writes recognised by the session table, by how they were answered")
                .tags(tags).tag("answer", answer).register(registry));
    }

    /** Counts a read whose leader confirmed leadership with a heartbeat round (ReadIndex, dissertation §6.4). */
    void readIndexRound() {
        readIndexRounds.increment();
    }

    /** Runs and times one fsync. */
    void fsync(Runnable sync) {
        fsyncLatency.record(sync);
    }

    void appendBatch(int entries) {
        appendBatch.record(entries);
    }

    void leaderChange() {
        leaderChanges.increment();
    }

    void election() {
        elections.increment();
    }

    void droppedMessage() {
        droppedMessages.increment();
    }

    /** Copies the engine's anomaly counts; called from the engine loop, the engine's only thread. */
    void anomalies(RaftEngine engine) {
        anomalies.forEach((anomaly, count) -> count.set(engine.anomalies(anomaly)));
    }

    @Override
    public void close() {
        meters.forEach(registry::remove);
    }

    private <T> void gauge(String name, String description, T source, ToDoubleFunction<T> value) {
        // A strong reference, because the gauge may be the only holder of the lambda; close() removes it.
        remember(Gauge.builder(name, source, value).description(description).tags(tags).strongReference(true)
                .register(registry));
    }

    private <M extends Meter> M remember(M meter) {
        meters.add(meter);
        return meter;
    }
}
