package io.github.raftkit.api.client;

/** Why a member did not serve a client request; see {@link #retryable()} for what a client may do next. */
public enum ClientError {
    /** This member is not the leader (it may name the leader); nothing was done. */
    NOT_LEADER(true),
    /** The member has too much pending and refused before doing anything; back off and retry. */
    OVERLOADED(true),
    /** The member did not decide the request in time; a write's outcome is unknown. */
    TIMEOUT(true),
    /** The member is stopping or stopped. */
    SHUTDOWN(true),
    /** The session is unknown or expired: the write was not applied now, and earlier attempts may or may not have. */
    SESSION_EXPIRED(false),
    /** The write was applied once before, but its result has been evicted; it will not be applied again. */
    RESULT_UNAVAILABLE(false),
    /** The session has too many unacknowledged writes; acknowledge earlier ones first. Nothing was applied. */
    TOO_MANY_UNACKNOWLEDGED(false),
    /** The member does not serve the request's group. */
    UNKNOWN_GROUP(false),
    /** The request was malformed. */
    BAD_REQUEST(false),
    /** The state machine failed answering a query. */
    QUERY_FAILED(false),
    /** The member failed in a way that stops it, such as a storage error. */
    INTERNAL(true);

    private final boolean retryable;

    ClientError(boolean retryable) {
        this.retryable = retryable;
    }

    /** Whether sending the same request again, here or to another member, may succeed. */
    public boolean retryable() {
        return retryable;
    }
}
