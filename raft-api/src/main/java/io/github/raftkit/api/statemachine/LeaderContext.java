package io.github.raftkit.api.statemachine;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * What {@link LeaderDuties} may do while its member leads one term: propose commands, run tasks later, and read the
 * member's monotonic clock. Everything stops working when the term's leadership ends.
 *
 * <p><b>Threading.</b> Call it from the apply thread (from {@link LeaderDuties} or a task it scheduled). Proposal
 * futures complete on the apply thread, or on a timer thread when they time out, so callbacks on them must not block.
 */
public interface LeaderContext {

    /** The term this member leads. */
    long term();

    /**
     * Proposes {@code command} as this leader's own, outside any client session. Completes with
     * {@link StateMachine#apply}'s result for it, or fails with
     * {@link io.github.raftkit.api.error.NotLeaderException} if leadership ended first, or with the member's
     * timeout or overload errors. The command may still be applied after a failure (a later leader can commit it),
     * so it must be safe to apply late: a state machine checks, in {@code apply}, that what the command assumed
     * still holds.
     */
    CompletableFuture<byte[]> propose(byte[] command);

    /**
     * Runs {@code task} on the apply thread after {@code delay}, unless leadership of this term ends first; then it
     * never runs.
     */
    void schedule(Duration delay, Runnable task);

    /**
     * The member's monotonic clock in nanoseconds, meaningful only as a difference between two readings of this
     * member. Never write it into a command as an absolute time: another member's clock has another origin.
     */
    long monotonicNanos();
}
