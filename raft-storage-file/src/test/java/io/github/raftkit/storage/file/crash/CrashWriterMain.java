package io.github.raftkit.storage.file.crash;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.spi.LogStore;
import io.github.raftkit.api.spi.MetadataStore;
import io.github.raftkit.api.spi.PersistentState;
import io.github.raftkit.api.spi.SnapshotMetadata;
import io.github.raftkit.api.spi.SnapshotStore;
import io.github.raftkit.api.spi.SnapshotWriter;
import io.github.raftkit.api.spi.StorageContext;
import io.github.raftkit.storage.file.log.FileLogStoreProvider;
import io.github.raftkit.storage.file.meta.FileMetadataStoreProvider;
import io.github.raftkit.storage.file.snapshot.FileSnapshotStoreProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Run in a child JVM by {@link SigkillCrashTest}: reopens the stores in the directory it is given and writes until
 * it is killed. After each fsync it prints what is now durable, and only then:
 * {@code durable <lastIndex>}, {@code term <term>}, {@code snapshot <index>}. Arguments: directory, seed.
 */
public final class CrashWriterMain {
    private CrashWriterMain() {
    }

    public static void main(String[] args) {
        StorageContext context = CrashLayout.context(Path.of(args[0]));
        SplittableRandom random = new SplittableRandom(Long.parseLong(args[1]));
        try (LogStore log = new FileLogStoreProvider().open(context);
             MetadataStore metadata = new FileMetadataStoreProvider().open(context);
             SnapshotStore snapshots = new FileSnapshotStoreProvider().open(context)) {
            long term = metadata.load().map(PersistentState::term).orElse(0L);
            for (long batch = 1; ; batch++) {
                long from = log.lastIndex() + 1;
                log.append(CrashLayout.ENTRIES.range(from, from + random.nextInt(64)));
                log.sync();
                say("durable " + log.lastIndex());
                if (batch % 4 == 0) {
                    term++;
                    metadata.save(new PersistentState(term, Optional.of(NodeId.of("n" + term % 3))));
                    say("term " + term);
                }
                if (batch % 8 == 0) {
                    SnapshotMetadata at = new SnapshotMetadata(log.lastIndex(), term + 1, List.of(NodeId.of("n1")));
                    try (SnapshotWriter writer = snapshots.create(at)) {
                        writer.output().write(CrashLayout.snapshotPayload(at));
                        writer.commit();
                    }
                    say("snapshot " + at.lastIncludedIndex());
                }
            }
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
