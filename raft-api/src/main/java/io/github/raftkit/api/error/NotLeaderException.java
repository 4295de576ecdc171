package io.github.raftkit.api.error;

import io.github.raftkit.api.NodeId;
import java.util.Optional;

/**
 * The member that got a request is not the leader, or stopped being the leader before the request was decided.
 * Retry at {@link #leaderHint()} when present.
 */
public final class NotLeaderException extends RaftException {
    private static final long serialVersionUID = 1L;
    private final transient NodeId leaderHint;

    public NotLeaderException(NodeId member, Optional<NodeId> leaderHint) {
        super(member + " is not the leader" + leaderHint.map(l -> "; the leader is " + l).orElse("; no leader is known"));
        this.leaderHint = leaderHint.orElse(null);
    }

    /** The leader the refusing member knows of, if any. */
    public Optional<NodeId> leaderHint() {
        return Optional.ofNullable(leaderHint);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
