package io.github.raftkit.examples.lock.client;

import io.github.raftkit.examples.lock.command.LockError;

/** The lock service refused a request, or the client's session was lost; {@link #error()} says which. */
public final class LockException extends RuntimeException {
    private final LockError error;

    public LockException(LockError error, String message) {
        super(message);
        this.error = error;
    }

    public LockError error() {
        return error;
    }
}
