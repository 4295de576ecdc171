package io.github.raftkit.benchmarks.storage;

import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.storage.file.FileStorageSettings;
import io.github.raftkit.storage.file.log.SegmentedLog;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Appends one batch of entries and fsyncs it, as the storage thread does once per group commit, against the physical
 * limit of the same disk: {@code rawWriteAndForce} writes the same number of bytes with one {@link FileChannel#write}
 * and one {@link FileChannel#force}{@code (false)} (the fdatasync the log uses) to a plain growing file. Both score
 * batches per second; entries per second is that times {@code batch}. Targets: the log reaches at least 80% of the
 * baseline at batch 256 and 90% of its fsync rate at batch 1.
 *
 * <p>Files go to {@code -Draftkit.bench.dir} (default: the JVM's temporary directory); compare only runs on one disk.
 * Run: {@code java -jar raft-benchmarks/target/benchmarks.jar StorageAppend -f 1 -wi 2 -i 3}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class StorageAppendBenchmark {

    @Param({"1", "16", "256"})
    public int batch;

    @Param({"128"})
    public int payloadBytes;

    private Path dir;
    private SegmentedLog log;
    private byte[] payload;
    private FileChannel raw;
    private ByteBuffer rawBatch;

    @Setup(Level.Trial)
    public void open() throws IOException {
        Path parent = Path.of(System.getProperty("raftkit.bench.dir", System.getProperty("java.io.tmpdir")));
        dir = Files.createTempDirectory(parent, "storage-bench");
        Files.createDirectories(dir.resolve("log"));
        log = SegmentedLog.open(dir.resolve("log"), "bench/n1", FileStorageSettings.from(Map.of()),
                new SimpleMeterRegistry(), Tags.empty());
        payload = new byte[payloadBytes];
        new SplittableRandom(1).nextBytes(payload);
        raw = FileChannel.open(dir.resolve("raw"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        // The same bytes the log writes per batch: each entry framed with a 29-byte header and body prefix.
        rawBatch = ByteBuffer.allocateDirect(batch * (payloadBytes + 29));
        while (rawBatch.hasRemaining()) {
            rawBatch.put((byte) rawBatch.position());
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        log.close();
        raw.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public long logAppendAndSync() {
        long first = log.lastIndex() + 1;
        List<LogEntry> entries = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            entries.add(LogEntry.command(first + i, 1, payload));
        }
        log.append(entries);
        log.sync();
        return log.durableIndex();
    }

    @Benchmark
    public long rawWriteAndForce() throws IOException {
        rawBatch.clear();
        long written = 0;
        while (rawBatch.hasRemaining()) {
            written += raw.write(rawBatch);
        }
        raw.force(false);
        return written;
    }
}
