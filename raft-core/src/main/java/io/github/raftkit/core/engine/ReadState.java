package io.github.raftkit.core.engine;

/**
 * A read request the leader has confirmed (ReadIndex, dissertation §6.4): it may be served once the state machine has
 * applied through {@code index}.
 *
 * @param requestId the id the caller gave with the request
 * @param index the commit index the read must wait for
 */
public record ReadState(long requestId, long index) {
}
