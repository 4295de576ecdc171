package io.github.raftkit.core.simulation;

import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * What an application's workload may use of one simulated run: its clock, its timers, its one source of randomness,
 * its trace, and the members. A workload that draws every choice from {@link #random()} and acts only from timers and
 * callbacks replays exactly from the run's seed.
 *
 * <p><b>Threading.</b> One thread runs the whole simulation; every method is called on it, within an event.
 */
public interface SimCluster {

    /** The run's shape, drawn from its seed: cluster size, fault rates, the register clients' mix. */
    SimulationConfig config();

    /** Simulated milliseconds since the run began. */
    long nowMillis();

    /**
     * Runs {@code task} {@code delayMillis} simulated milliseconds from now, as an event of its own; {@code what}
     * names it in the trace (and so enters the trace's hash).
     */
    void schedule(long delayMillis, String what, Runnable task);

    /** The run's random source, shared with the network, storage and faults: the seed decides every draw. */
    Random random();

    /** Adds a line to the trace: what a client did that the events alone do not show. */
    void trace(String note);

    /** Every member, in position order. */
    List<SimMember> members();

    /** The member clients would find as leader: up, leading, in the highest term among leaders. */
    Optional<SimMember> leader();
}
