package io.github.raftkit.core.simulation;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.Role;
import io.github.raftkit.api.statemachine.StateMachine;
import io.github.raftkit.core.engine.ProposalOutcome;
import java.util.List;
import java.util.Optional;

/**
 * One simulated member as an application's clients and checks see it: who it is, whether it runs, what it believes
 * about leadership, and the requests a client can make of it. What the member does with a request is reported later
 * through the {@link ClientListener} (the {@link SimWorkload}).
 *
 * <p><b>Threading.</b> Everything runs on the simulation's one thread, within the event being simulated. Methods other
 * than {@link #id}, {@link #position}, {@link #incarnation} and {@link #up} need the member to be up.
 */
public interface SimMember {

    NodeId id();

    /** Where the member stands in {@link SimCluster#members()}, from 0. */
    int position();

    /** Counts the member's restarts: a restart loses volatile state, the state machine included. */
    long incarnation();

    boolean up();

    Role role();

    long term();

    /** Whom it follows (itself when leading), if anyone. */
    Optional<NodeId> leader();

    /** How far its state machine has applied. */
    long appliedIndex();

    /**
     * Its state machine, as the application made it for this incarnation, for queries ({@link StateMachine#query},
     * {@link io.github.raftkit.api.statemachine.BlockingQueries}) and for an application's checks. Must not be
     * changed.
     */
    StateMachine stateMachine();

    /**
     * Proposes commands, as a client's request would. A non-leader refuses. Accepted commands are decided when
     * entries are applied at their indexes: {@link ClientListener#applied} says whether it was these.
     */
    ProposalOutcome propose(List<byte[]> commands);

    /**
     * Asks for a ReadIndex read (dissertation §6.4); false if refused at once. The read is later confirmed or aborted
     * through the {@link ClientListener}, and may be served once {@link #appliedIndex} reaches the confirmed index.
     */
    boolean readIndex(long requestId);

    /** Like {@link #readIndex}, but a leader holding a lease (§6.4.1) confirms without a round of messages. */
    boolean leaseRead(long requestId);

    /** Starts an election now, as an impatient operator would. */
    void campaign();

    /** Asks a leader to hand leadership to {@code target} (§3.10); false if refused. */
    boolean transferLeadership(NodeId target);
}
