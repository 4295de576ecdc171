package io.github.raftkit.api.error;

/**
 * The client's session for exactly-once writes is unknown to the group: it expired after a silence longer than the
 * group's {@link io.github.raftkit.api.SessionPolicy#expireAfter()}, or was evicted to make room. The write was not
 * applied by this attempt; an earlier attempt of the same write may or may not have been, so its outcome is unknown.
 */
public final class SessionExpiredException extends RaftException {
    private static final long serialVersionUID = 1L;

    public SessionExpiredException(String message) {
        super(message);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
