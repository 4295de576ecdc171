package io.github.raftkit.core.simulation;

import io.github.raftkit.api.message.RaftMessage;
import io.github.raftkit.api.statemachine.Snapshot;

/** Everything that can happen at an instant of simulated time. Members are named by their position, 0-based. */
sealed interface SimEvent {

    /** A member's clock ticks; ignored if the member has restarted since it was scheduled. */
    record Tick(int node, long incarnation) implements SimEvent {
        @Override
        public String toString() {
            return "tick n" + (node + 1);
        }
    }

    /** A message arrives, unless its link is cut or its recipient is down by now. */
    record Deliver(int to, RaftMessage message) implements SimEvent {
        @Override
        public String toString() {
            return "deliver " + message;
        }
    }

    /** A member's oldest pending write becomes durable; ignored if the member crashed since. */
    record StorageDone(int node, long incarnation) implements SimEvent {
        @Override
        public String toString() {
            return "durable n" + (node + 1);
        }
    }

    /**
     * A member's snapshot write finishes; ignored if the member crashed since. The state machine's view is written
     * out only now, as a snapshot thread would while applying went on: a view that shares mutable state with the live
     * state machine shows here.
     */
    record SnapshotWritten(int node, long incarnation, io.github.raftkit.api.spi.SnapshotMetadata metadata,
                           Snapshot state) implements SimEvent {
        @Override
        public String toString() {
            return "snapshot n" + (node + 1) + " through " + metadata.lastIncludedIndex();
        }
    }

    /** Time for the next crash, if faults are still on. */
    record CrashTimer() implements SimEvent {
    }

    /** A crashed member comes back. */
    record Restart(int node) implements SimEvent {
    }

    /** Time for the next partition, if faults are still on. */
    record PartitionTimer() implements SimEvent {
    }

    /** Every cut link is restored. */
    record Heal() implements SimEvent {
    }

    /**
     * A callback an application scheduled (a client's next operation, a leader duty's task); {@code what} names it in
     * the trace, whose hash folds in that name.
     */
    record Timer(String what, Runnable task) implements SimEvent {
        @Override
        public String toString() {
            return what;
        }
    }

    /** Faults stop: everything heals and restarts, and liveness is measured from here. */
    record CalmStart() implements SimEvent {
    }
}
