package io.github.raftkit.core.runtime;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.error.NotLeaderException;
import io.github.raftkit.api.statemachine.LeaderContext;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The {@link LeaderContext} of one led term. It goes quiet for good when the term's leadership ends: proposals fail
 * with "not leader", and tasks scheduled earlier are dropped when their time comes, because the apply stage runs a
 * task only while this is still its current term.
 */
final class LeaderTerm implements LeaderContext {
    private final NodeId self;
    private final long term;
    private final Function<byte[], CompletableFuture<byte[]>> proposer;
    private final ScheduledExecutorService timer;
    private final Consumer<ApplyStage.Task> apply;
    private final LongSupplier monotonicNanos;
    private volatile boolean over;

    LeaderTerm(NodeId self, long term, Function<byte[], CompletableFuture<byte[]>> proposer,
               ScheduledExecutorService timer, Consumer<ApplyStage.Task> apply, LongSupplier monotonicNanos) {
        this.self = self;
        this.term = term;
        this.proposer = proposer;
        this.timer = timer;
        this.apply = apply;
        this.monotonicNanos = monotonicNanos;
    }

    @Override
    public long term() {
        return term;
    }

    @Override
    public CompletableFuture<byte[]> propose(byte[] command) {
        if (over) {
            return CompletableFuture.failedFuture(new NotLeaderException(self, Optional.empty()));
        }
        return proposer.apply(command);
    }

    @Override
    public void schedule(Duration delay, Runnable task) {
        if (over) {
            return;
        }
        try {
            timer.schedule(() -> apply.accept(new ApplyStage.Duty(this, task)), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopping) {
            // The member is shutting down: the task would never run anyway.
        }
    }

    @Override
    public long monotonicNanos() {
        return monotonicNanos.getAsLong();
    }

    /** Leadership of this term ended. */
    void end() {
        over = true;
    }
}
