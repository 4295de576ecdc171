package io.github.raftkit.core.simulation;

import io.github.raftkit.api.error.NotLeaderException;
import io.github.raftkit.api.statemachine.LeaderContext;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link LeaderContext} of one term a simulated member leads. It goes quiet for good when that leadership ends or
 * the member crashes: proposals then fail and scheduled tasks never run.
 *
 * <p>Its clock is simulated time plus an origin drawn for the member, so that an application that compares readings
 * of two members, or writes one into a command, sees nonsense here as it would on real machines.
 */
final class SimLeaderContext implements LeaderContext {
    private static final long NANOS_PER_MILLI = 1_000_000;

    private final SimNode node;
    private final EventQueue events;
    private final long term;
    private final long clockOrigin;
    private boolean active = true;

    SimLeaderContext(SimNode node, EventQueue events, long term, long clockOrigin) {
        this.node = node;
        this.events = events;
        this.term = term;
        this.clockOrigin = clockOrigin;
    }

    @Override
    public long term() {
        return term;
    }

    @Override
    public CompletableFuture<byte[]> propose(byte[] command) {
        if (!active) {
            return CompletableFuture.failedFuture(new NotLeaderException(node.id(), Optional.empty()));
        }
        return node.proposeAsLeader(command);
    }

    /** The task runs as an event of its own, on the member, if this term's leadership still holds then. */
    @Override
    public void schedule(Duration delay, Runnable task) {
        if (!active) {
            return;
        }
        events.after(ceilMillis(delay), new SimEvent.Timer(node.id() + " leader task of term " + term, () -> {
            if (active) {
                node.runLeaderTask(task);
            }
        }));
    }

    @Override
    public long monotonicNanos() {
        return events.now() * NANOS_PER_MILLI + clockOrigin;
    }

    /** Leadership of this term ended, or the member crashed. */
    void close() {
        active = false;
    }

    /** Simulated time has millisecond steps; rounding up keeps a task from running before its delay has passed. */
    private static long ceilMillis(Duration delay) {
        if (delay.isNegative()) {
            return 0;
        }
        long millis = delay.toMillis();
        return delay.minusMillis(millis).isZero() ? millis : millis + 1;
    }
}
