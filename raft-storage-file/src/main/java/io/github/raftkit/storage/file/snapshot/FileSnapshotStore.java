package io.github.raftkit.storage.file.snapshot;

import io.github.raftkit.api.error.StorageException;
import io.github.raftkit.api.spi.SnapshotMetadata;
import io.github.raftkit.api.spi.SnapshotStore;
import io.github.raftkit.api.spi.SnapshotWriter;
import io.github.raftkit.storage.file.ChannelOpener;
import io.github.raftkit.storage.file.DirectoryLock;
import io.github.raftkit.storage.file.IoFailure;
import io.github.raftkit.storage.file.MemberDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

/**
 * The {@code file} snapshot store: one {@link SnapshotFile} per snapshot in {@code <dataDir>/<group>/snapshots}. The
 * newest complete snapshot (highest index, then term) wins; older ones are deleted once a newer one is durable, and
 * at start-up, together with temporary files a crash left behind.
 *
 * <p>Thread-safe: the storage and apply threads may call it; each writer and stream is used by one thread. A failed
 * commit makes the store fail-stop.
 */
public final class FileSnapshotStore implements SnapshotStore {
    private static final Logger LOG = LoggerFactory.getLogger(FileSnapshotStore.class);

    private final Path dir;
    private final String member;
    private final ChannelOpener opener;
    private final DirectoryLock lock;
    private volatile SnapshotMetadata latest;
    private volatile StorageException failure;
    private volatile boolean closed;

    private FileSnapshotStore(Path dir, String member, ChannelOpener opener, DirectoryLock lock) {
        this.dir = dir;
        this.member = member;
        this.opener = opener;
        this.lock = lock;
    }

    /** Locks {@code dir}, clears what a crash left in it, and verifies the newest snapshot's header and trailer. */
    public static FileSnapshotStore open(Path dir, String member) {
        return open(dir, member, ChannelOpener.DEFAULT);
    }

    static FileSnapshotStore open(Path dir, String member, ChannelOpener opener) {
        DirectoryLock lock = DirectoryLock.acquire(dir, member + " snapshots");
        try {
            FileSnapshotStore store = new FileSnapshotStore(dir, member, opener, lock);
            store.recover();
            return store;
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    @Override
    public Optional<SnapshotMetadata> latest() {
        checkUsable();
        return Optional.ofNullable(latest);
    }

    @Override
    public SnapshotWriter create(SnapshotMetadata metadata) {
        checkUsable();
        String name = SnapshotFile.fileName(metadata);
        Path temp = dir.resolve(name.replace(SnapshotFile.SUFFIX, SnapshotFile.TEMP_SUFFIX));
        try {
            FileChannel channel = opener.open(temp, Set.of(CREATE, TRUNCATE_EXISTING, WRITE));
            try {
                return new FileSnapshotWriter(this, metadata, temp, dir.resolve(name), channel);
            } catch (IOException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw fail(IoFailure.of("starting the snapshot", temp, -1, e));
        }
    }

    @Override
    public InputStream open(SnapshotMetadata metadata) {
        checkUsable();
        Path file = dir.resolve(SnapshotFile.fileName(metadata));
        try {
            FileChannel channel = FileChannel.open(file, READ);
            try {
                SnapshotFile.Layout layout = SnapshotFile.verify(channel, file, SnapshotFile.Name.of(metadata));
                if (!layout.metadata().equals(metadata)) {
                    throw SnapshotFile.corrupt(file, 0, "the header says " + layout.metadata() + ", not " + metadata);
                }
                return new SnapshotInput(channel, file, layout);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (NoSuchFileException e) {
            throw new StorageException(member + ": no snapshot " + metadata + " in " + dir + "; the newest is "
                    + (latest == null ? "none" : latest));
        } catch (IOException e) {
            throw IoFailure.of("opening the snapshot", file, -1, e);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            lock.close();
        }
    }

    /** Called by a writer once its snapshot is durable under its final name. */
    synchronized void committed(SnapshotMetadata metadata) {
        if (latest == null || SnapshotFile.Name.of(metadata).compareTo(SnapshotFile.Name.of(latest)) > 0) {
            latest = metadata;
        }
        LOG.info("{}: snapshot {} is durable; the newest is {}", member, metadata, latest);
        try {
            removeAllBut(latest);
        } catch (IOException e) {
            throw fail(IoFailure.of("removing old snapshots from", dir, -1, e));
        }
    }

    StorageException fail(StorageException e) {
        if (failure == null) {
            failure = e;
            LOG.error("{}: the snapshot store in {} failed and stops (fail-stop): {}", member, dir, e.getMessage());
        }
        return e;
    }

    private synchronized void recover() {
        try {
            List<Path> files = listing();
            for (Path file : files) {
                if (file.getFileName().toString().endsWith(SnapshotFile.TEMP_SUFFIX)) {
                    LOG.info("{}: removing {}, a snapshot a crash left unfinished", member, file);
                    Files.delete(file);
                }
            }
            Path newest = files.stream()
                    .filter(p -> SnapshotFile.nameOf(p.getFileName().toString()) != null)
                    .max(Comparator.comparing(p -> SnapshotFile.nameOf(p.getFileName().toString())))
                    .orElse(null);
            if (newest != null) {
                try (FileChannel channel = FileChannel.open(newest, READ)) {
                    latest = SnapshotFile.verify(channel, newest, SnapshotFile.nameOf(newest.getFileName().toString()))
                            .metadata();
                }
                removeAllBut(latest);
            }
        } catch (IOException e) {
            throw IoFailure.of("opening the snapshots in", dir, -1, e);
        }
    }

    private void removeAllBut(SnapshotMetadata keep) throws IOException {
        boolean removed = false;
        for (Path file : listing()) {
            SnapshotFile.Name name = SnapshotFile.nameOf(file.getFileName().toString());
            if (name != null && !name.equals(SnapshotFile.Name.of(keep))) {
                Files.delete(file);
                removed = true;
            }
        }
        if (removed) {
            MemberDirectory.fsync(dir);
        }
    }

    private List<Path> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    private void checkUsable() {
        if (closed) {
            throw new StorageException(member + ": the snapshot store in " + dir + " is closed");
        }
        StorageException first = failure;
        if (first != null) {
            throw new StorageException(member + ": the snapshot store in " + dir + " stopped after a failure: "
                    + first.getMessage(), first);
        }
    }
}
