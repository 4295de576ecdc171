package io.github.raftkit.storage.file.log;

import io.github.raftkit.storage.file.ChannelOpener;
import io.github.raftkit.storage.file.FileStorageSettings;
import io.github.raftkit.storage.file.TestEntries;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Opens logs with small segments in a test's directory, and looks at their files. */
final class LogFixture {
    static final long SMALL_SEGMENT = FileStorageSettings.MIN_SEGMENT_BYTES;

    final Path dir;
    final TestEntries entries;
    final MeterRegistry registry = new SimpleMeterRegistry();

    LogFixture(Path dir, long seed, int maxPayload) {
        this.dir = dir;
        this.entries = new TestEntries(seed, maxPayload);
    }

    SegmentedLog open() {
        return open(ChannelOpener.DEFAULT);
    }

    SegmentedLog open(ChannelOpener opener) {
        return SegmentedLog.open(dir, "g/n1", new FileStorageSettings(SMALL_SEGMENT), registry,
                Tags.of("group", "g", "node", "n1"), opener);
    }

    /** Writes entries 1..{@code count} one batch of {@code batch} at a time, syncing each, and closes the log. */
    void write(long count, int batch) {
        try (SegmentedLog log = open()) {
            for (long from = 1; from <= count; from += batch) {
                log.append(entries.range(from, Math.min(count, from + batch - 1)));
                log.sync();
            }
        }
    }

    /** The segment files, oldest first. */
    List<Path> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList();
        }
    }
}
