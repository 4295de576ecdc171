package io.github.raftkit.examples.lock.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.github.raftkit.api.statemachine.LeaderContext;
import io.github.raftkit.examples.lock.command.LockCodec;
import io.github.raftkit.examples.lock.command.LockCommand;
import io.github.raftkit.examples.lock.command.LockError;
import io.github.raftkit.examples.lock.command.LockQuery;
import io.github.raftkit.examples.lock.command.LockResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The leader's session expiry, on a hand-driven clock: a session expires a whole time to live after the last renewal
 * this leader saw, and a new leader gives every session a full time to live before it expires any.
 */
class SessionExpiryTest {
    private static final Duration TTL = Duration.ofSeconds(2);
    private static final Duration CHECK = Duration.ofMillis(100);

    private final LockDriver locks = new LockDriver(new LockStateMachine(CHECK));

    /** A leader whose clock the test moves; proposals are applied at once, as if committed. */
    private final class HandClock implements LeaderContext {
        private final List<Runnable> due = new ArrayList<>();
        private long nanos;
        private final long term;

        HandClock(long term, long originNanos) {
            this.term = term;
            this.nanos = originNanos;
        }

        @Override
        public long term() {
            return term;
        }

        @Override
        public CompletableFuture<byte[]> propose(byte[] command) {
            return CompletableFuture.completedFuture(LockCodec.encode(locks.applyBytes(command)));
        }

        @Override
        public void schedule(Duration delay, Runnable task) {
            assertEquals(CHECK, delay);
            due.add(task);
        }

        @Override
        public long monotonicNanos() {
            return nanos;
        }

        /** Moves the clock by {@code millis} in check-sized steps, running the checks that fall due. */
        void advance(long millis) {
            for (long step = 0; step < millis; step += CHECK.toMillis()) {
                nanos += CHECK.toNanos();
                List<Runnable> now = List.copyOf(due);
                due.clear();
                now.forEach(Runnable::run);
            }
        }
    }

    @Test
    void aSessionNotRenewedForAWholeTimeToLiveExpires() {
        long session = locks.open(TTL);
        HandClock leader = lead(1, 0);
        leader.advance(TTL.toMillis() - CHECK.toMillis());
        assertAlive(session);
        leader.advance(2 * CHECK.toMillis());
        assertExpired(session);
    }

    @Test
    void everyRenewalGivesTheSessionAnotherTimeToLive() {
        long session = locks.open(TTL);
        HandClock leader = lead(1, 0);
        for (int i = 0; i < 10; i++) {
            leader.advance(TTL.toMillis() / 2);
            locks.apply(new LockCommand.KeepAlive(session));
        }
        assertAlive(session);
        leader.advance(TTL.toMillis() + CHECK.toMillis());
        assertExpired(session);
    }

    @Test
    void aNewLeaderGivesEverySessionAFullTimeToLiveBeforeExpiringAny() {
        long session = locks.open(TTL);
        HandClock first = lead(1, 0);
        first.advance(TTL.toMillis() - 2 * CHECK.toMillis());
        locks.machine.leaderStopped();

        // The next leader's clock has another origin, and the session's last renewal is old by now.
        HandClock second = lead(2, 987_654_321_000L);
        second.advance(TTL.toMillis() - CHECK.toMillis());
        assertAlive(session);
        second.advance(2 * CHECK.toMillis());
        assertExpired(session);
    }

    @Test
    void aStoppedLeadersChecksProposeNothing() {
        long session = locks.open(TTL);
        HandClock leader = lead(1, 0);
        locks.machine.leaderStopped();
        leader.advance(3 * TTL.toMillis());
        assertAlive(session);
    }

    private HandClock lead(long term, long originNanos) {
        HandClock leader = new HandClock(term, originNanos);
        locks.machine.leaderStarted(leader);
        return leader;
    }

    private void assertAlive(long session) {
        assertInstanceOf(LockResult.SessionState.class, locks.query(new LockQuery.SessionInfo(session)));
    }

    private void assertExpired(long session) {
        LockResult.Failure failure = assertInstanceOf(LockResult.Failure.class,
                locks.query(new LockQuery.SessionInfo(session)));
        assertEquals(LockError.SESSION_EXPIRED, failure.error());
    }
}
