package io.github.raftkit.api.error;

import io.github.raftkit.api.client.ClientError;

/**
 * A member refused a client's request for a reason that sending it again will not fix: a malformed request, an
 * unknown group, a failed query, a session with too many unacknowledged writes. {@link #error()} names which.
 */
public final class RequestRejectedException extends RaftException {
    private static final long serialVersionUID = 1L;
    private final ClientError error;

    public RequestRejectedException(ClientError error, String message) {
        super(message);
        this.error = error;
    }

    /** Why the request was refused. */
    public ClientError error() {
        return error;
    }

    @Override
    public boolean retryable() {
        return error.retryable();
    }
}
