package io.github.raftkit.storage.file.crash;

import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.spi.SnapshotMetadata;
import io.github.raftkit.api.spi.StorageContext;
import io.github.raftkit.storage.file.FileStorageSettings;
import io.github.raftkit.storage.file.TestEntries;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/** What the crash test's writer and checker agree on: the entries, the snapshot bytes, the segment size. */
final class CrashLayout {
    /** Small, so that the writer rolls segments often and a kill can land in a roll. */
    static final long SEGMENT_BYTES = 64 << 10;
    static final TestEntries ENTRIES = new TestEntries(2024, 400);

    private CrashLayout() {
    }

    /** How both sides open the stores: through the {@code file} providers, as a member does. */
    static StorageContext context(Path dataDir) {
        return new StorageContext(NodeId.of("n1"), GroupId.of("crash"), Optional.of(dataDir),
                Map.of(FileStorageSettings.SEGMENT_BYTES, Long.toString(SEGMENT_BYTES)));
    }

    /** The payload of the snapshot at {@code metadata}: up to 256 KiB, a function of its index. */
    static byte[] snapshotPayload(SnapshotMetadata metadata) {
        SplittableRandom random = new SplittableRandom(metadata.lastIncludedIndex());
        byte[] bytes = new byte[1 + random.nextInt(256 << 10)];
        random.nextBytes(bytes);
        return bytes;
    }
}
