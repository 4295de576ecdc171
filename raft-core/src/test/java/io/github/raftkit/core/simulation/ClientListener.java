package io.github.raftkit.core.simulation;

import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.core.engine.ReadState;

/**
 * What members tell an application's clients: the entries they applied, and the reads they confirmed or can no longer
 * confirm. Called on the simulation's thread while a member carries out its engine's output; a client that reacts by
 * making a request of a member may do so at once (the member takes the request up once it is done).
 */
public interface ClientListener {

    /**
     * {@code member} applied {@code entry}.
     *
     * @param result what {@link io.github.raftkit.api.statemachine.StateMachine#apply} returned for it; empty for a
     *     no-op, which the state machine never sees
     * @param acknowledged whether {@code member} accepted this very entry through {@link SimMember#propose} in its
     *     current incarnation, at this index and term: the client that proposed it now learns its result
     */
    void applied(SimMember member, LogEntry entry, byte[] result, boolean acknowledged);

    /** A read asked of {@code member} is confirmed: serve it once the member has applied through its index. */
    default void readConfirmed(SimMember member, ReadState read) {
    }

    /** {@code member} lost leadership before it could confirm read {@code requestId}. */
    default void readAborted(SimMember member, long requestId) {
    }
}
