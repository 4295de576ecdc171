package io.github.raftkit.storage.file;

import io.github.raftkit.api.error.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Turns an {@link IOException} from the file system into the {@link StorageException} a person can act on: which
 * file, which offset, what was being done, and, for a full disk, that it is full and how much space is left.
 */
public final class IoFailure {

    private IoFailure() {
    }

    /**
     * Describes a failed operation.
     *
     * @param action what was being done, such as {@code "writing"} or {@code "fsync of"}
     * @param file the file it was done to
     * @param offset the offset in the file, or a negative number when none applies
     * @param cause what the file system reported
     */
    public static StorageException of(String action, Path file, long offset, IOException cause) {
        String where = file + (offset >= 0 ? " at offset " + offset : "");
        if (isDiskFull(cause)) {
            return new StorageException("disk full: " + action + " " + where + " failed (" + cause.getMessage()
                    + "); " + freeSpace(file) + ". Free space on that volume and restart the member;"
                    + " nothing after the last successful fsync was acknowledged.", cause);
        }
        return new StorageException(action + " " + where + " failed: " + cause
                + "; the store stops accepting writes (fail-stop)", cause);
    }

    /** ENOSPC and EDQUOT, as the JDK reports them on Linux and macOS. */
    static boolean isDiskFull(IOException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return message.contains("no space left on device") || message.contains("disk quota exceeded");
    }

    private static String freeSpace(Path file) {
        try {
            Path existing = Files.exists(file) ? file : file.toAbsolutePath().getParent();
            return Files.getFileStore(existing).getUsableSpace() + " bytes are free on " + Files.getFileStore(existing);
        } catch (IOException | RuntimeException e) {
            return "free space unknown (" + e.getMessage() + ")";
        }
    }
}
