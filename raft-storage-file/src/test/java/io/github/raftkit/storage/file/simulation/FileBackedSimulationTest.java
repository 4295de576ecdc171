package io.github.raftkit.storage.file.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.core.simulation.Simulation;
import io.github.raftkit.core.simulation.SimulationResult;
import io.github.raftkit.core.simulation.SimulationSetup;
import io.github.raftkit.storage.file.FileStorageSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's deterministic simulation with the file stores as every member's disk: each completed write goes to
 * the real log, metadata and snapshot stores, a crash closes them, and a restart reopens them and recovers from the
 * files. Every invariant is checked after every event, and since the simulation decides what a crash loses before
 * anything reaches the disk, a correct store gives exactly the run the in-memory disk gives: the same trace.
 *
 * <p>{@code raftkit.simulation.fileSeeds} seeds (50 by default) from {@code raftkit.simulation.firstSeed} (1).
 * Segments are small so that runs roll and compact segments.
 */
class FileBackedSimulationTest {
    private static final long SEEDS = Long.getLong("raftkit.simulation.fileSeeds", 50);
    private static final long FIRST_SEED = Long.getLong("raftkit.simulation.firstSeed", 1);
    private static final Map<String, String> SMALL_SEGMENTS =
            Map.of(FileStorageSettings.SEGMENT_BYTES, Long.toString(FileStorageSettings.MIN_SEGMENT_BYTES));

    @TempDir
    Path dataDir;

    @Test
    void everySeedKeepsEveryInvariantAndGivesTheInMemoryRun() {
        long start = System.nanoTime();
        long crashes = 0;
        long reopened = 0;
        long committed = 0;
        long snapshots = 0;
        long installed = 0;
        long torn = 0;
        long logsCut = 0;
        long segmentsSeen = 0;
        for (long seed = FIRST_SEED; seed < FIRST_SEED + SEEDS; seed++) {
            Path seedDir = dataDir.resolve("seed-" + seed);
            List<FileMedium> media = new ArrayList<>();
            SimulationResult onFiles;
            try {
                onFiles = new Simulation(seed, SimulationSetup.DEFAULT.withDurableMedium(member -> {
                    FileMedium medium = new FileMedium(seedDir, member, SMALL_SEGMENTS);
                    media.add(medium);
                    return medium;
                })).run();
            } finally {
                media.forEach(FileMedium::close);
            }
            segmentsSeen += countSegments(seedDir);
            delete(seedDir);
            SimulationResult inMemory = new Simulation(seed, SimulationSetup.DEFAULT).run();

            assertEquals(Long.toHexString(inMemory.traceHash()), Long.toHexString(onFiles.traceHash()),
                    "seed " + seed + ": the file-backed run diverged from the in-memory one");
            assertEquals(inMemory.stats().toString(), onFiles.stats().toString(), "seed " + seed);
            crashes += onFiles.stats().crashes();
            committed += onFiles.stats().committed();
            snapshots += onFiles.stats().snapshotsTaken();
            installed += onFiles.stats().snapshotsInstalled();
            torn += onFiles.stats().tornWrites();
            reopened += media.stream().mapToLong(m -> m.opens() - 1).sum();
            logsCut += media.stream().mapToLong(FileMedium::logsCut).sum();
        }
        System.out.printf("file-backed simulation: %d seeds in %.1f s (each also run in memory); crashes=%d "
                        + "tornWrites=%d reopens=%d logsCutOnRecovery=%d committedEntries=%d snapshotsTaken=%d "
                        + "installed=%d segment files at the end=%d%n",
                SEEDS, (System.nanoTime() - start) / 1e9, crashes, torn, reopened, logsCut, committed, snapshots,
                installed, segmentsSeen);
        assertTrue(reopened > 0, "members must restart from the files");
        assertTrue(reopened <= crashes, "a member reopens its files only to restart after a crash");
        assertTrue(committed > 0, "the runs must commit entries");
    }

    private static long countSegments(Path dir) {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(p -> p.getParent().getFileName().toString().equals("log"))
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
