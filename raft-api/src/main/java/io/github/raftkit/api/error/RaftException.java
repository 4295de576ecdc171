package io.github.raftkit.api.error;

/**
 * The root of the errors raftkit reports to callers: futures complete exceptionally with one of its subclasses.
 * {@link #retryable()} tells whether sending the same request again (to the same or another member) may succeed.
 */
public abstract class RaftException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected RaftException(String message) {
        super(message);
    }

    protected RaftException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether the same request may succeed if sent again. */
    public abstract boolean retryable();
}
