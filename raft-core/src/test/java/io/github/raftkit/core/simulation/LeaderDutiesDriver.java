package io.github.raftkit.core.simulation;

import io.github.raftkit.api.Role;
import io.github.raftkit.api.statemachine.LeaderDuties;
import io.github.raftkit.api.statemachine.StateMachine;

/**
 * Calls a state machine's {@link LeaderDuties}, if it has them, when the contract says: {@code leaderStarted} once per
 * term the member leads, as soon as it has applied an entry of that term (its own first entry, so it has applied the
 * whole committed state), and {@code leaderStopped} once it no longer leads that term. The member asks after every
 * drain of its engine, the moment a runtime's apply thread would learn of the change. A crash drops the context
 * without {@code leaderStopped}, as the contract says of a member that shuts down.
 */
final class LeaderDutiesDriver {
    private final LeaderDuties duties;
    private final SimNode node;
    private final EventQueue events;
    private final long clockOrigin;
    private SimLeaderContext context;
    private long startedTerm = -1;

    /** A state machine that does not implement {@link LeaderDuties} makes this do nothing. */
    LeaderDutiesDriver(StateMachine stateMachine, SimNode node, EventQueue events, long clockOrigin) {
        this.duties = stateMachine instanceof LeaderDuties leaderDuties ? leaderDuties : null;
        this.node = node;
        this.events = events;
        this.clockOrigin = clockOrigin;
    }

    /** Starts or stops the duties as the member's leadership and applied state now call for. */
    void afterDrain(InflightProposals proposals) {
        if (duties == null) {
            return;
        }
        boolean leading = node.role() == Role.LEADER;
        if (context != null && !(leading && node.term() == context.term())) {
            context.close();
            context = null;
            proposals.failLeaderProposals(node.leader());
            duties.leaderStopped();
        }
        if (context == null && leading && node.term() != startedTerm && node.appliedTerm() == node.term()) {
            startedTerm = node.term();
            context = new SimLeaderContext(node, events, startedTerm, clockOrigin);
            duties.leaderStarted(context);
        }
    }

    /** The member crashed: the context goes quiet, and nobody is told. */
    void crash() {
        if (context != null) {
            context.close();
            context = null;
        }
    }
}
