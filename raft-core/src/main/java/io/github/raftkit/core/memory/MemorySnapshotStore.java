package io.github.raftkit.core.memory;

import io.github.raftkit.api.error.StorageException;
import io.github.raftkit.api.spi.SnapshotMetadata;
import io.github.raftkit.api.spi.SnapshotStore;
import io.github.raftkit.api.spi.SnapshotWriter;
import io.github.raftkit.api.spi.StorageContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A snapshot store kept in {@link MemoryStorage}. It keeps only the newest committed snapshot, which is all a
 * member ever needs. Thread-safe; each writer is used by one thread.
 */
final class MemorySnapshotStore implements SnapshotStore {

    private record Snapshot(SnapshotMetadata metadata, byte[] bytes) {
    }

    /** One member's newest snapshot, shared by every store opened for it across restarts. */
    static final class Contents extends AtomicReference<Snapshot> {
        private static final long serialVersionUID = 1L;
    }

    private final String member;
    private final Contents newest;
    private volatile boolean closed;

    MemorySnapshotStore(StorageContext context) {
        this.member = context.group() + "/" + context.node();
        this.newest = MemoryStorage.contents(context, Contents.class, Contents::new);
    }

    @Override
    public Optional<SnapshotMetadata> latest() {
        checkOpen();
        return Optional.ofNullable(newest.get()).map(Snapshot::metadata);
    }

    @Override
    public SnapshotWriter create(SnapshotMetadata metadata) {
        checkOpen();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        return new SnapshotWriter() {
            @Override
            public OutputStream output() {
                return out;
            }

            @Override
            public void commit() {
                checkOpen();
                // "The newest complete snapshot wins": an older one committed late must not replace it.
                newest.accumulateAndGet(new Snapshot(metadata, out.toByteArray()),
                        (old, fresh) -> old != null && old.metadata().lastIncludedIndex()
                                > fresh.metadata().lastIncludedIndex() ? old : fresh);
            }

            @Override
            public void close() {
                // Uncommitted bytes live only in this writer; dropping it discards them.
            }
        };
    }

    @Override
    public InputStream open(SnapshotMetadata metadata) {
        checkOpen();
        Snapshot snapshot = newest.get();
        if (snapshot == null || !snapshot.metadata().equals(metadata)) {
            throw new StorageException("memory snapshot store of " + member + " has no snapshot " + metadata
                    + "; newest is " + (snapshot == null ? "none" : snapshot.metadata()));
        }
        return new ByteArrayInputStream(snapshot.bytes());
    }

    @Override
    public void close() {
        closed = true;
    }

    private void checkOpen() {
        if (closed) {
            throw new StorageException("memory snapshot store of " + member + " is closed");
        }
    }
}
