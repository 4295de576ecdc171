package io.github.raftkit.storage.file;

import io.github.raftkit.api.error.StorageException;
import io.github.raftkit.api.spi.StorageContext;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Where one store of one member keeps its files: {@code <dataDir>/<group>/<kind>}, for the kinds {@code log},
 * {@code meta} and {@code snapshots}. Each kind has a directory (and a {@link DirectoryLock}) of its own because the
 * runtime opens the three stores independently; a second process or member pointed at the same data directory fails
 * on whichever store it opens first.
 */
public final class MemberDirectory {

    private MemberDirectory() {
    }

    /**
     * Creates the store's directory if needed, durably: every directory created is fsynced into its parent, so that a
     * crash cannot lose the directory under files that were themselves fsynced.
     */
    public static Path prepare(StorageContext context, String kind) {
        Path dataDir = context.dataDir().orElseThrow(() -> new StorageException("the file " + kind + " store of "
                + context.group() + "/" + context.node() + " needs a data directory; set RaftConfig.dataDir"));
        Path dir = dataDir.resolve(context.group().value()).resolve(kind).toAbsolutePath();
        List<Path> created = new ArrayList<>();
        for (Path p = dir; p != null && !Files.isDirectory(p); p = p.getParent()) {
            created.add(0, p);
        }
        try {
            for (Path p : created) {
                Files.createDirectory(p);
                fsync(p.getParent());
            }
        } catch (IOException e) {
            throw IoFailure.of("creating the directory", dir, -1, e);
        }
        return dir;
    }

    /** Makes the entries of {@code dir} (files created, renamed or deleted in it) durable. */
    public static void fsync(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
