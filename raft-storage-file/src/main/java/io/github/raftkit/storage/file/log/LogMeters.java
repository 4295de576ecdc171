package io.github.raftkit.storage.file.log;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The log's meters, named {@code raft.storage.log.*} and tagged with group and node; removed from the registry when
 * the log closes, so that a reopened log registers fresh ones. Updated by the storage thread; Micrometer meters are
 * thread-safe.
 */
final class LogMeters implements AutoCloseable {
    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();
    private final DistributionSummary batchSize;
    private final Counter bytes;
    private final Timer fsync;
    private final Timer recovery;

    LogMeters(MeterRegistry registry, Tags tags) {
        this.registry = registry;
        batchSize = remember(DistributionSummary.builder("raft.storage.log.append.batch.size")
                .description("Entries made durable by one fsync (group commit)").tags(tags).register(registry));
        bytes = remember(Counter.builder("raft.storage.log.append.bytes").baseUnit("bytes")
                .description("Bytes written to log segments").tags(tags).register(registry));
        fsync = remember(Timer.builder("raft.storage.log.fsync.latency")
                .description("Time of one fsync of the log").tags(tags).register(registry));
        recovery = remember(Timer.builder("raft.storage.log.recovery.time")
                .description("Time to open and verify the log").tags(tags).register(registry));
    }

    /** Adds the gauges that read the log's state. */
    void watch(SegmentedLog log, Tags tags) {
        gauge("raft.storage.log.segments", "Segment files in the log", log, SegmentedLog::segmentCount, tags);
        gauge("raft.storage.log.durable.index", "The last index made durable by an fsync", log,
                SegmentedLog::durableIndex, tags);
    }

    void written(long byteCount) {
        bytes.increment(byteCount);
    }

    void synced(long nanos, long entries) {
        fsync.record(nanos, TimeUnit.NANOSECONDS);
        batchSize.record(entries);
    }

    void recovered(long nanos) {
        recovery.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        meters.forEach(registry::remove);
    }

    private void gauge(String name, String description, SegmentedLog log, ToDoubleFunction<SegmentedLog> value,
                       Tags tags) {
        remember(Gauge.builder(name, log, value).description(description).tags(tags).register(registry));
    }

    private <M extends Meter> M remember(M meter) {
        meters.add(meter);
        return meter;
    }
}
