package io.github.raftkit.storage.file.crash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.spi.PersistentState;
import io.github.raftkit.api.spi.SnapshotMetadata;
import io.github.raftkit.storage.file.ChildJvm;
import io.github.raftkit.api.spi.LogStore;
import io.github.raftkit.api.spi.MetadataStore;
import io.github.raftkit.api.spi.SnapshotStore;
import io.github.raftkit.api.spi.StorageContext;
import io.github.raftkit.storage.file.log.FileLogStoreProvider;
import io.github.raftkit.storage.file.meta.FileMetadataStoreProvider;
import io.github.raftkit.storage.file.snapshot.FileSnapshotStoreProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writer JVM with SIGKILL at random moments, again and again on the same directory, and checks after every
 * kill that the stores hold a prefix of what was written that includes everything the writer reported durable, and
 * nothing else. {@code -Draftkit.crash.iterations} sets the number of kills (50 by default, 500 with {@code -Pcrash});
 * {@code -Draftkit.crash.seed} replays a run.
 */
class SigkillCrashTest {
    private static final long LINE_TIMEOUT_SECONDS = 120;

    @TempDir
    Path dir;

    /** What the writer reported durable before it died. */
    private static final class Acknowledged {
        long index;
        long term;
        long snapshot = -1;

        void record(String line) {
            String[] parts = line.split(" ");
            long value = Long.parseLong(parts[1]);
            switch (parts[0]) {
                case "durable" -> index = Math.max(index, value);
                case "term" -> term = Math.max(term, value);
                case "snapshot" -> snapshot = Math.max(snapshot, value);
                default -> throw new AssertionError("unexpected line from the writer: " + line);
            }
        }
    }

    @Test
    void everyAcknowledgedWriteSurvivesSigkillAndNothingElseAppears() throws Exception {
        int iterations = Integer.getInteger("raftkit.crash.iterations", 50);
        long seed = Long.getLong("raftkit.crash.seed", System.nanoTime());
        System.out.println("SigkillCrashTest: " + iterations + " kills, seed " + seed
                + " (replay with -Draftkit.crash.seed=" + seed + ")");
        Random random = new Random(seed);
        Acknowledged acknowledged = new Acknowledged();
        Path stderr = dir.resolve("writer.err");
        for (int kill = 1; kill <= iterations; kill++) {
            String context = "kill " + kill + " of " + iterations + ", seed " + seed + ", writer stderr in " + stderr;
            try (ChildJvm writer = ChildJvm.start(CrashWriterMain.class, stderr, dir.toString(),
                    Long.toString(random.nextLong()))) {
                int linesBeforeKill = 1 + random.nextInt(30);
                for (int i = 0; i < linesBeforeKill; i++) {
                    String line = writer.nextLine(LINE_TIMEOUT_SECONDS);
                    if (line == null) {
                        throw new AssertionError("the writer stopped on its own; " + context);
                    }
                    acknowledged.record(line);
                }
                // Land the kill anywhere in the next write, fsync, rename or segment roll.
                LockSupport.parkNanos(random.nextInt(2_000_000));
                writer.kill();
                for (String line = writer.nextLine(LINE_TIMEOUT_SECONDS); line != null;
                     line = writer.nextLine(LINE_TIMEOUT_SECONDS)) {
                    acknowledged.record(line);
                }
            }
            verify(acknowledged, context);
        }
    }

    private void verify(Acknowledged acknowledged, String context) throws IOException {
        StorageContext storage = CrashLayout.context(dir);
        try (LogStore log = new FileLogStoreProvider().open(storage)) {
            assertEquals(1, log.firstIndex(), context);
            assertTrue(log.lastIndex() >= acknowledged.index, "the log ends at " + log.lastIndex()
                    + " but " + acknowledged.index + " was acknowledged; " + context);
            for (long from = 1; from <= log.lastIndex(); from += 1000) {
                long until = Math.min(log.lastIndex() + 1, from + 1000);
                assertEquals(CrashLayout.ENTRIES.range(from, until - 1), log.read(from, until, Long.MAX_VALUE),
                        "entries " + from + ".." + (until - 1) + "; " + context);
            }
        }
        try (MetadataStore metadata = new FileMetadataStoreProvider().open(storage)) {
            long term = metadata.load().map(PersistentState::term).orElse(0L);
            assertTrue(term >= acknowledged.term, "term " + term + " < acknowledged " + acknowledged.term + "; "
                    + context);
        }
        try (SnapshotStore snapshots = new FileSnapshotStoreProvider().open(storage)) {
            SnapshotMetadata latest = snapshots.latest().orElse(null);
            if (acknowledged.snapshot >= 0) {
                assertTrue(latest != null && latest.lastIncludedIndex() >= acknowledged.snapshot,
                        "snapshot " + latest + " older than acknowledged " + acknowledged.snapshot + "; " + context);
            }
            if (latest != null) {
                try (InputStream in = snapshots.open(latest)) {
                    assertArrayEquals(CrashLayout.snapshotPayload(latest), in.readAllBytes(), context);
                }
            }
        }
    }
}
