package io.github.raftkit.storage.file.meta;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.error.StorageException;
import io.github.raftkit.api.spi.MetadataStore;
import io.github.raftkit.api.spi.PersistentState;
import io.github.raftkit.storage.file.ChannelOpener;
import io.github.raftkit.storage.file.DirectoryLock;
import io.github.raftkit.storage.file.IoFailure;
import io.github.raftkit.storage.file.MemberDirectory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Set;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

/**
 * The {@code file} metadata store: the term and vote in one small checksummed file ({@link MetadataFile}), replaced
 * atomically: the new state goes to a temporary file, which is fsynced, renamed over the old one, and the directory
 * fsynced. A crash at any point leaves the old file or the new one, never a mix; a temporary file left behind is
 * ignored and overwritten.
 *
 * <p>Called from one storage thread. A failed save makes the store fail-stop: later saves and loads throw.
 */
public final class FileMetadataStore implements MetadataStore {
    static final String FILE_NAME = "state";
    static final String TEMP_NAME = "state.tmp";

    private final Path dir;
    private final NodeId owner;
    private final ChannelOpener opener;
    private final DirectoryLock lock;
    private StorageException failure;
    private boolean closed;

    private FileMetadataStore(Path dir, NodeId owner, ChannelOpener opener, DirectoryLock lock) {
        this.dir = dir;
        this.owner = owner;
        this.opener = opener;
        this.lock = lock;
    }

    /** Locks {@code dir} and opens the store of {@code owner} in it. */
    public static FileMetadataStore open(Path dir, NodeId owner, String member) {
        return open(dir, owner, member, ChannelOpener.DEFAULT);
    }

    static FileMetadataStore open(Path dir, NodeId owner, String member, ChannelOpener opener) {
        return new FileMetadataStore(dir, owner, opener, DirectoryLock.acquire(dir, member + " metadata"));
    }

    @Override
    public Optional<PersistentState> load() {
        checkUsable();
        Path file = dir.resolve(FILE_NAME);
        try (FileChannel channel = FileChannel.open(file, READ)) {
            long size = channel.size();
            if (size > MetadataFile.MAX_BYTES) {
                throw new StorageException("corrupt metadata: " + file + " is " + size + " bytes, more than the "
                        + MetadataFile.MAX_BYTES + " any state takes");
            }
            ByteBuffer bytes = ByteBuffer.allocate((int) size);
            while (bytes.hasRemaining() && channel.read(bytes) >= 0) {
                // a read may return fewer bytes than asked
            }
            return Optional.of(MetadataFile.decode(bytes.flip(), file, owner));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw IoFailure.of("reading", file, -1, e);
        }
    }

    @Override
    public void save(PersistentState state) {
        checkUsable();
        Path temp = dir.resolve(TEMP_NAME);
        try {
            try (FileChannel channel = opener.open(temp, Set.of(CREATE, TRUNCATE_EXISTING, WRITE))) {
                ByteBuffer bytes = MetadataFile.encode(owner, state);
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(temp, dir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE);
            MemberDirectory.fsync(dir);
        } catch (IOException e) {
            failure = IoFailure.of("saving the term and vote to", temp, -1, e);
            throw failure;
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            lock.close();
        }
    }

    private void checkUsable() {
        if (closed) {
            throw new StorageException("the metadata store in " + dir + " is closed");
        }
        if (failure != null) {
            throw new StorageException("the metadata store in " + dir + " stopped after a failure: "
                    + failure.getMessage(), failure);
        }
    }
}
