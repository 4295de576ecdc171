package io.github.raftkit.benchmarks.snapshot;

import io.github.raftkit.api.error.StorageException;
import io.github.raftkit.api.spi.NamedProvider;
import io.github.raftkit.api.spi.SnapshotMetadata;
import io.github.raftkit.api.spi.SnapshotStore;
import io.github.raftkit.api.spi.SnapshotStoreProvider;
import io.github.raftkit.api.spi.SnapshotWriter;
import io.github.raftkit.api.spi.StorageContext;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A minimal snapshot store on disk for the catch-up benchmark, so that a gigabyte snapshot lives in files rather
 * than in the heap the benchmark measures: written to a temporary file, fsynced, renamed. It remembers its newest
 * snapshot only while open (no recovery), which is all the benchmark needs; the real {@code file} store is separate
 * work. Provider name {@code bench-dir}.
 */
public final class DirectorySnapshotStore implements SnapshotStore {

    /** Registers the store under {@code bench-dir}. */
    public static final class Provider implements SnapshotStoreProvider, NamedProvider {
        @Override
        public String name() {
            return "bench-dir";
        }

        @Override
        public SnapshotStore open(StorageContext context) {
            Path dir = context.dataDir().orElseThrow(() -> new StorageException("bench-dir needs a dataDir"))
                    .resolve("snapshots");
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new StorageException("cannot create " + dir, e);
            }
            return new DirectorySnapshotStore(dir);
        }
    }

    private final Path dir;
    private volatile SnapshotMetadata latest;

    private DirectorySnapshotStore(Path dir) {
        this.dir = dir;
    }

    private Path file(SnapshotMetadata metadata) {
        return dir.resolve("snapshot-" + metadata.lastIncludedIndex() + "-" + metadata.lastIncludedTerm());
    }

    @Override
    public Optional<SnapshotMetadata> latest() {
        return Optional.ofNullable(latest);
    }

    @Override
    public SnapshotWriter create(SnapshotMetadata metadata) {
        Path tmp = dir.resolve(file(metadata).getFileName() + ".tmp");
        try {
            FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            OutputStream out = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 1 << 16);
            return new SnapshotWriter() {
                private boolean committed;

                @Override
                public OutputStream output() {
                    return out;
                }

                @Override
                public void commit() {
                    try {
                        out.flush();
                        channel.force(true);
                        channel.close();
                        Files.move(tmp, file(metadata), StandardCopyOption.ATOMIC_MOVE);
                    } catch (IOException e) {
                        throw new StorageException("committing " + tmp + " failed", e);
                    }
                    committed = true;
                    SnapshotMetadata previous = latest;
                    if (previous == null || previous.lastIncludedIndex() < metadata.lastIncludedIndex()) {
                        latest = metadata;
                        if (previous != null) {
                            // A transfer reading it keeps its open file; the name goes.
                            file(previous).toFile().delete();
                        }
                    }
                }

                @Override
                public void close() {
                    if (!committed) {
                        try {
                            channel.close();
                            Files.deleteIfExists(tmp);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                }
            };
        } catch (IOException e) {
            throw new StorageException("cannot create " + tmp, e);
        }
    }

    @Override
    public InputStream open(SnapshotMetadata metadata) {
        try {
            return Files.newInputStream(file(metadata));
        } catch (IOException e) {
            throw new StorageException("no snapshot " + file(metadata), e);
        }
    }

    @Override
    public void close() {
    }
}
