package io.github.raftkit.storage.file.snapshot;

import io.github.raftkit.api.error.StorageException;
import io.github.raftkit.api.spi.SnapshotMetadata;
import io.github.raftkit.api.spi.SnapshotWriter;
import io.github.raftkit.storage.file.IoFailure;
import io.github.raftkit.storage.file.MemberDirectory;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * One snapshot being written to {@code <name>.snap.tmp}. {@link #commit} writes the trailer, fsyncs, renames the file
 * to its final name and fsyncs the directory; only then is it visible. {@link #close} without a commit deletes the
 * temporary file. Used by one thread.
 */
final class FileSnapshotWriter implements SnapshotWriter {
    private final FileSnapshotStore store;
    private final SnapshotMetadata metadata;
    private final Path temp;
    private final Path target;
    private final FileChannel channel;
    private final SnapshotOutput output;
    private boolean finished;

    FileSnapshotWriter(FileSnapshotStore store, SnapshotMetadata metadata, Path temp, Path target,
                       FileChannel channel) throws IOException {
        this.store = store;
        this.metadata = metadata;
        this.temp = temp;
        this.target = target;
        this.channel = channel;
        ByteBuffer header = SnapshotFile.header(metadata);
        while (header.hasRemaining()) {
            channel.write(header);
        }
        this.output = new SnapshotOutput(channel);
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public void commit() {
        if (finished) {
            throw new StorageException("snapshot " + metadata + " in " + temp.getParent()
                    + " was already committed or discarded");
        }
        try {
            output.flush();
            ByteBuffer trailer = SnapshotFile.trailer(output.length(), output.checksum());
            while (trailer.hasRemaining()) {
                channel.write(trailer);
            }
            channel.force(true);
            channel.close();
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            MemberDirectory.fsync(target.getParent());
        } catch (IOException e) {
            close();
            throw store.fail(IoFailure.of("committing the snapshot", temp, -1, e));
        }
        finished = true;
        store.committed(metadata);
    }

    @Override
    public void close() {
        if (finished) {
            return;
        }
        finished = true;
        try {
            channel.close();
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            throw IoFailure.of("discarding the unfinished snapshot", temp, -1, e);
        }
    }
}
