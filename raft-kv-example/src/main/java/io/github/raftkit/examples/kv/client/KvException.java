package io.github.raftkit.examples.kv.client;

import io.github.raftkit.examples.kv.command.KvError;

/**
 * The store refused a request: {@link #error()} says why, in a code a front end can map (a Redis front end replies
 * {@code -ERR value is not an integer or out of range} to {@link KvError#NOT_AN_INTEGER}). Nothing was changed.
 * Sending the same request again fails the same way. Failures of the cluster itself (timeouts, overload, shutdown)
 * are {@link io.github.raftkit.api.error.RaftException}s instead.
 */
public final class KvException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final KvError error;

    public KvException(KvError error, String message) {
        super(message);
        this.error = error;
    }

    public KvError error() {
        return error;
    }
}
