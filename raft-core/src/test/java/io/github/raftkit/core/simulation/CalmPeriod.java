package io.github.raftkit.core.simulation;

import io.github.raftkit.api.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The liveness check at the end of a run. Once faults stop (all members up, the network whole and reliable), a
 * leader must be established (leading in the highest term, with an entry of its term committed) within a bound;
 * then the application's probes proposed to it must be acknowledged, and everything it holds applied on every member,
 * within another bound.
 */
final class CalmPeriod {
    private enum Phase { NOT_STARTED, AWAITING_LEADER, AWAITING_APPLY, DONE }

    private final SimulationConfig.CalmBounds bounds;
    private final long millisPerBehindEntry;
    private final List<SimNode> nodes;
    private final SimulationCluster cluster;
    private final SimWorkload workload;
    private final EventQueue events;
    private final Trace trace;
    private final List<Long> proposed = new ArrayList<>();
    private Phase phase = Phase.NOT_STARTED;
    private long deadline;
    private long settledAt;

    CalmPeriod(SimulationConfig config, List<SimNode> nodes, SimulationCluster cluster, SimWorkload workload,
               EventQueue events, Trace trace) {
        this.bounds = config.calm();
        // A member far behind catches up one append per round trip (message there, write, message back); with one
        // entry per append that alone can take longer than any fixed bound, so the bound grows with the backlog.
        long roundTrip = 2L * config.network().maxDelayMillis() + config.storage().maxLatencyMillis()
                + Simulation.MILLIS_PER_TICK;
        this.millisPerBehindEntry = roundTrip / config.engine().maxEntriesPerAppend() + 1;
        this.nodes = nodes;
        this.cluster = cluster;
        this.workload = workload;
        this.events = events;
        this.trace = trace;
    }

    /** Starts the calm; {@code settleMillis} covers the longest delay of a message sent before it. */
    void begin(long settleMillis) {
        phase = Phase.AWAITING_LEADER;
        settledAt = events.now() + settleMillis;
        deadline = events.now() + (long) bounds.leaderTicks() * Simulation.MILLIS_PER_TICK;
        trace.note(events.now(), "calm: faults stop");
    }

    boolean done() {
        return phase == Phase.DONE;
    }

    /** Moves the check along after an event; throws if a bound has passed. */
    void afterEvent() {
        if (phase == Phase.AWAITING_LEADER) {
            SimNode leader = establishedLeader();
            if (leader != null) {
                while (proposed.size() < bounds.proposals()) {
                    OptionalLong probe = workload.proposeProbe(leader);
                    if (probe.isEmpty()) {
                        break;
                    }
                    proposed.add(probe.getAsLong());
                }
                if (proposed.size() == bounds.proposals()) {
                    phase = Phase.AWAITING_APPLY;
                    deadline = events.now() + (long) bounds.commitTicks() * Simulation.MILLIS_PER_TICK
                            + backlog(leader) * millisPerBehindEntry;
                    trace.note(events.now(), "calm: " + leader.id() + " leads; calm proposals " + proposed
                            + " must be applied everywhere by " + deadline + " ms");
                    return;
                }
            }
            if (events.now() > deadline) {
                throw new InvariantViolation(Invariant.LIVENESS, ids(), "no leader established within "
                        + bounds.leaderTicks() + " ticks of calm (" + proposed.size() + " of " + bounds.proposals()
                        + " calm proposals accepted)");
            }
        } else if (phase == Phase.AWAITING_APPLY) {
            if (allApplied()) {
                phase = Phase.DONE;
                trace.note(events.now(), "calm: every calm proposal applied everywhere");
            } else if (events.now() > deadline) {
                throw new InvariantViolation(Invariant.LIVENESS, ids(), "calm proposals " + proposed
                        + " not acknowledged and applied on every member by " + deadline + " ms");
            }
        }
    }

    /**
     * A leader every member follows in one term, with an entry of that term committed. Judged only after the calm
     * has lasted longer than any message delayed from before it, since a late TimeoutNow or vote request could
     * still depose a leader that looks settled.
     */
    private SimNode establishedLeader() {
        if (events.now() < settledAt) {
            return null;
        }
        SimNode leader = cluster.leadingNode();
        if (leader == null || leader.log().term(leader.commitIndex()) != leader.term()) {
            return null;
        }
        for (SimNode node : nodes) {
            if (node.term() != leader.term() || !node.leader().equals(Optional.of(leader.id()))) {
                return null;
            }
        }
        return leader;
    }

    /** How many entries the member furthest behind lacks of the leader's log. */
    private long backlog(SimNode leader) {
        long behind = 0;
        for (SimNode node : nodes) {
            behind = Math.max(behind, leader.log().lastIndex() - node.durableLog().lastIndex());
        }
        return behind;
    }

    private boolean allApplied() {
        for (long probe : proposed) {
            if (!workload.probeAcknowledged(probe)) {
                return false;
            }
        }
        SimNode leader = cluster.leadingNode();
        long through = leader == null ? Long.MAX_VALUE : leader.log().lastIndex();
        for (SimNode node : nodes) {
            if (node.appliedIndex() < through) {
                return false;
            }
        }
        return true;
    }

    private List<NodeId> ids() {
        return nodes.stream().map(SimNode::id).toList();
    }
}
