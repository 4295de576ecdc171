package io.github.raftkit.core.simulation;

import java.util.OptionalLong;

/**
 * An application's side of one simulated run: its clients, what they saw, and the checks on it. The harness calls it
 * at these points, all on the simulation's one thread:
 *
 * <ol>
 *   <li>{@link #start} once every member has started: schedule the first client actions
 *       ({@link SimCluster#schedule});</li>
 *   <li>{@link #afterEvent} after every event, once Raft's own invariants hold: check the application's invariants
 *       over every member (throw {@link InvariantViolation}), and serve what the event made ready (a confirmed read
 *       whose member has now applied far enough);</li>
 *   <li>{@link #stop} when faults stop and the final calm begins: random traffic stops, and the application must then
 *       fall quiet (a lock service's sessions expire, and then nothing more is proposed). The calm ends once the
 *       leader's whole log is applied everywhere, and a leader that never stops proposing can keep a follower from
 *       catching up: one that needs a snapshot restarts its transfer whenever the leader takes a newer one;</li>
 *   <li>{@link #proposeProbe} and {@link #probeAcknowledged} during the calm, which checks liveness by having the
 *       established leader accept a few commands and apply them everywhere;</li>
 *   <li>{@link #finish} at the end of a run that kept every invariant: the checks that need the whole history (the
 *       register application's linearizability check).</li>
 * </ol>
 */
public interface SimWorkload extends ClientListener {

    /** Every member has started: schedule the first client actions. */
    void start();

    /** An event was simulated and Raft's invariants hold: check the application's, and serve what is now ready. */
    void afterEvent();

    /** Faults stop: random client traffic stops, and the application should fall quiet. */
    void stop();

    /**
     * Proposes one command, harmless to the application, at {@code leader} through {@link SimMember#propose}; returns
     * an id for it (shown in the trace) if {@code leader} accepted it.
     */
    OptionalLong proposeProbe(SimMember leader);

    /** Whether the member that accepted probe {@code probe} has applied it: {@link #applied} said acknowledged. */
    boolean probeAcknowledged(long probe);

    /** The run is over; throws {@link InvariantViolation} if the history broke the application's contract. */
    void finish();
}
