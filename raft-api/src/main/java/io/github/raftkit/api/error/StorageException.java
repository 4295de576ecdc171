package io.github.raftkit.api.error;

/**
 * Storage failed, or holds data it cannot trust. The member stops accepting work (fail-stop): acknowledging anything
 * after a failed write or fsync could lose committed data. The message names the file, offset and cause when known.
 */
public final class StorageException extends RaftException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
