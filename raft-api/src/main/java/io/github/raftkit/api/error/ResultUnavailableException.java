package io.github.raftkit.api.error;

/**
 * A retried write had already been applied, exactly once, but the member no longer holds its result (the bounded
 * reply cache evicted it, or the member restarted or installed a snapshot since). The write is not applied again.
 */
public final class ResultUnavailableException extends RaftException {
    private static final long serialVersionUID = 1L;

    public ResultUnavailableException(String message) {
        super(message);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
