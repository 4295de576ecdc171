package io.github.raftkit.storage.file.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.error.StorageException;
import io.github.raftkit.storage.file.FaultyChannel;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailStopTest {
    @TempDir
    Path dir;

    private final FaultyChannel.Faults faults = new FaultyChannel.Faults();

    @Test
    void aFailedFsyncIsNeverRetriedAndTheLogAcceptsNothingMore() {
        LogFixture f = new LogFixture(dir, 1, 100);
        try (SegmentedLog log = f.open(faults.opener())) {
            log.append(f.entries.range(1, 5));
            log.sync();
            log.append(f.entries.range(6, 8));
            faults.failForce = new IOException("Input/output error");
            StorageException e = assertThrows(StorageException.class, log::sync);
            assertTrue(e.getMessage().contains("fsync of") && e.getMessage().contains(".log"), e.getMessage());
            assertEquals(5, log.durableIndex());

            faults.failForce = null;
            StorageException after = assertThrows(StorageException.class, log::sync);
            assertTrue(after.getMessage().contains("stopped after a failure"), after.getMessage());
            assertThrows(StorageException.class, () -> log.append(f.entries.range(9, 9)));
            assertThrows(StorageException.class, () -> log.truncateSuffix(3));
            assertThrows(StorageException.class, () -> log.read(1, 2, 10));
        }
        try (SegmentedLog log = f.open()) {
            assertEquals(f.entries.range(1, 5), log.read(1, 6, Long.MAX_VALUE));
        }
    }

    @Test
    void aFullDiskIsReportedAsSuchAndStopsTheLog() {
        LogFixture f = new LogFixture(dir, 1, 100);
        try (SegmentedLog log = f.open(faults.opener())) {
            log.append(f.entries.range(1, 5));
            log.sync();
            faults.failWrites = new IOException("No space left on device");
            StorageException e = assertThrows(StorageException.class, () -> log.append(f.entries.range(6, 6)));
            assertTrue(e.getMessage().startsWith("disk full: appending to " + dir), e.getMessage());
            faults.failWrites = null;
            assertThrows(StorageException.class, () -> log.append(f.entries.range(6, 6)));
        }
    }

    @Test
    void aFailureWhileRollingToANewSegmentStopsTheLog() {
        LogFixture f = new LogFixture(dir, 1, 100);
        try (SegmentedLog log = f.open(faults.opener())) {
            log.append(f.entries.range(1, 5));
            faults.failForce = new IOException("Input/output error");
            assertThrows(StorageException.class, () -> log.append(f.entries.range(6, 200)));
            faults.failForce = null;
            assertThrows(StorageException.class, log::sync);
        }
    }
}
