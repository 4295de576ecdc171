package io.github.raftkit.api.error;

/**
 * The member is stopping or stopped. A write pending when it stopped has an unknown outcome: it may have been
 * committed by the rest of the group.
 */
public final class ShutdownException extends RaftException {
    private static final long serialVersionUID = 1L;

    public ShutdownException(String message) {
        super(message);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
