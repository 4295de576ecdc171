package io.github.raftkit.core.runtime;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.Role;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one log line when the member's role, term or known leader changes, and counts elections and leader
 * changes; everything else the loop does stays quiet. Called from the engine loop only.
 */
final class StateChangeLog {
    private static final Logger LOG = LoggerFactory.getLogger(StateChangeLog.class);

    private final String member;
    private final NodeMetrics metrics;
    private Role role;
    private long term;
    private Optional<NodeId> leader;

    StateChangeLog(String member, NodeMetrics metrics, Role role, long term, Optional<NodeId> leader) {
        this.member = member;
        this.metrics = metrics;
        this.role = role;
        this.term = term;
        this.leader = leader;
    }

    /** Compares with what was seen last and reports what changed. */
    void observe(Role newRole, long newTerm, Optional<NodeId> newLeader) {
        if (newRole == role && newTerm == term && newLeader.equals(leader)) {
            return;
        }
        if (newRole == Role.CANDIDATE && (role != Role.CANDIDATE || newTerm != term)) {
            metrics.election();
        }
        if (newLeader.isPresent() && !newLeader.equals(leader)) {
            metrics.leaderChange();
        }
        LOG.info("{}: {} in term {}, {}", member, newRole, newTerm,
                newLeader.map(l -> "leader " + l).orElse("no leader known"));
        role = newRole;
        term = newTerm;
        leader = newLeader;
    }
}
