package io.github.raftkit.api.statemachine;

/**
 * An optional extra for a {@link StateMachine} that must act on its own while its member leads: a state machine that
 * involves time, such as sessions with a time to live, implements this next to {@link StateMachine} and decides at
 * the leader when to propose a command such as "expire session 7". Every replica then applies that command at the
 * same index, so replicas agree on what happened without reading a clock in {@link StateMachine#apply}.
 *
 * <p><b>When.</b> {@link #leaderStarted} is called once per term this member leads, as soon as it has applied
 * everything committed before its term (its own first entry of the term included), so the state it sees is the
 * whole committed state. {@link #leaderStopped} follows when it stops leading; from then on the context refuses to
 * propose and runs none of the tasks it scheduled. Neither is called when the member shuts down while leading: the
 * context then simply goes quiet.
 *
 * <p><b>Threading.</b> Both methods, and every task scheduled through the context, run on the apply thread, between
 * batches of {@link StateMachine#apply}: they may read the state machine's state without locks, but must not block,
 * because applying waits meanwhile.
 */
public interface LeaderDuties {

    /** This member leads and has applied the whole committed state; {@code context} is valid for this term only. */
    void leaderStarted(LeaderContext context);

    /** This member no longer leads the term it was told of in {@link #leaderStarted}. */
    void leaderStopped();
}
