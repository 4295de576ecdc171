package io.github.raftkit.storage.file;

import io.github.raftkit.api.error.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Exclusive use of one store directory by one store in one process, through an OS lock on a {@code LOCK} file in it.
 * The file also records the holder (process id and member), which the error of a second user quotes.
 *
 * <p>Locks held by this JVM are also kept in a process-wide set, checked before the file is opened: on Linux, closing
 * any descriptor of a file releases every lock the process holds on it, so a second store in the same JVM must not
 * even open the file of a lock it cannot get. Thread-safe.
 */
public final class DirectoryLock implements AutoCloseable {

    /** The name of the lock file inside the locked directory. */
    public static final String FILE_NAME = "LOCK";

    /** The directories this JVM holds, with their holders. Guarded by itself. */
    private static final Map<Path, String> HELD_IN_THIS_JVM = new HashMap<>();

    private final Path dir;
    private final FileChannel channel;
    private boolean released;

    private DirectoryLock(Path dir, FileChannel channel) {
        this.dir = dir;
        this.channel = channel;
    }

    /**
     * Locks {@code dir} for {@code holder} (a description such as {@code "default/n1 log"}), or fails at once with a
     * message naming the directory and its current holder.
     */
    public static DirectoryLock acquire(Path dir, String holder) {
        Path key = dir.toAbsolutePath().normalize();
        Path file = key.resolve(FILE_NAME);
        synchronized (HELD_IN_THIS_JVM) {
            String current = HELD_IN_THIS_JVM.get(key);
            if (current != null) {
                throw inUse(key, "by " + current + " in this process");
            }
            FileChannel channel = null;
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    channel.close();
                    throw inUse(key, "by another process: " + recordedHolder(file));
                }
                String owner = "pid " + ProcessHandle.current().pid() + ", " + holder;
                channel.truncate(0);
                channel.write(ByteBuffer.wrap((owner + "\n").getBytes(StandardCharsets.UTF_8)), 0);
                HELD_IN_THIS_JVM.put(key, owner);
                return new DirectoryLock(key, channel);
            } catch (IOException e) {
                closeQuietly(channel, e);
                throw IoFailure.of("locking", file, -1, e);
            }
        }
    }

    /** Releases the lock. Idempotent. */
    @Override
    public void close() {
        synchronized (HELD_IN_THIS_JVM) {
            if (released) {
                return;
            }
            released = true;
            HELD_IN_THIS_JVM.remove(dir);
            try {
                channel.close();
            } catch (IOException e) {
                throw IoFailure.of("unlocking", dir.resolve(FILE_NAME), -1, e);
            }
        }
    }

    private static StorageException inUse(Path dir, String holder) {
        return new StorageException("data directory " + dir + " is already in use " + holder + "; a directory"
                + " serves one member in one process at a time: stop the other one or point this member elsewhere");
    }

    /** Reads who holds the file's lock; safe only when this process holds no lock on it (see the class comment). */
    private static String recordedHolder(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "holder unknown (" + e.getMessage() + ")";
        }
    }

    private static void closeQuietly(FileChannel channel, IOException failure) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
