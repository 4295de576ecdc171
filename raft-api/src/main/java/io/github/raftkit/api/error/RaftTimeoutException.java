package io.github.raftkit.api.error;

/**
 * A request was not decided within its timeout. A write that timed out may still be applied later: its outcome is
 * unknown, so only an idempotent (or deduplicated) write may be retried blindly.
 */
public final class RaftTimeoutException extends RaftException {
    private static final long serialVersionUID = 1L;

    public RaftTimeoutException(String message) {
        super(message);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
