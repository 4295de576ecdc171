package io.github.raftkit.api.error;

/** The member has too much work pending and refused the request before doing anything with it; back off and retry. */
public final class OverloadedException extends RaftException {
    private static final long serialVersionUID = 1L;

    public OverloadedException(String message) {
        super(message);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
