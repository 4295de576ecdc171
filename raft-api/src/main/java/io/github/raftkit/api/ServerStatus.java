package io.github.raftkit.api;

import java.util.Map;
import java.util.Optional;

/**
 * A point-in-time view of one member, for dashboards and health checks. Immutable; it may be stale as soon as it is
 * returned.
 *
 * @param node this member
 * @param group the group it belongs to
 * @param role its role in {@code term}
 * @param term its current term
 * @param leader the leader it knows of in {@code term}, if any
 * @param commitIndex the highest log index it knows to be committed
 * @param appliedIndex the highest log index its state machine has applied
 * @param lastLogIndex the highest index in its log
 * @param membership the voting members
 * @param replication at a leader, each follower's match index: the highest log index known to be replicated
 *     there; empty at any other member
 */
public record ServerStatus(NodeId node, GroupId group, Role role, long term, Optional<NodeId> leader,
                           long commitIndex, long appliedIndex, long lastLogIndex, Membership membership,
                           Map<NodeId, Long> replication) {
    public ServerStatus {
        replication = Map.copyOf(replication);
    }
}
