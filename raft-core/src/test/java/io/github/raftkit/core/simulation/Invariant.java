package io.github.raftkit.core.simulation;

/** The properties the simulation checks after every event; each violation names one. */
public enum Invariant {
    /** §5.2: at most one leader per term, ever. */
    ELECTION_SAFETY,
    /** §5.3: a leader never overwrites or deletes entries in its log during its term. */
    LEADER_APPEND_ONLY,
    /** §5.3: two logs with an entry of the same index and term are identical up to it. */
    LOG_MATCHING,
    /** §5.4: a leader's log holds every entry committed in an earlier term. */
    LEADER_COMPLETENESS,
    /** §5.4.3: no two members commit or apply different entries at one index. */
    STATE_MACHINE_SAFETY,
    /** A member's commit index never goes back while it runs. */
    MONOTONIC_COMMIT,
    /** A member's applied index never goes back while it runs, and entries are applied in order without gaps. */
    MONOTONIC_APPLY,
    /** An entry is durable on a majority when any member first counts it committed. */
    DURABLE_COMMIT,
    /** A command is applied at one index only. */
    APPLY_ONCE,
    /** A confirmed read covers every write acknowledged before the read was asked (ReadIndex, §6.4). */
    LINEARIZABLE_READ,
    /**
     * The clients' whole history of register reads and writes is linearizable (checked once, at the end of a run, by
     * raft-testkit's checker); a history the checker cannot decide within its budget fails too.
     */
    LINEARIZABLE_HISTORY,
    /** What the engine reports through Ready matches what it exposes (its log, commit and applied entries). */
    ENGINE_CONTRACT,
    /** Once faults stop, a leader is elected and new proposals are applied everywhere within a bound. */
    LIVENESS,
    /** The engine threw instead of counting an anomaly. */
    NO_EXCEPTIONS,
    /**
     * One of the replicated application's own invariants, which names itself ({@link InvariantViolation#name()}):
     * the register application's are above, for history; another application's go here.
     */
    APPLICATION
}
