package io.github.raftkit.testkit.linearizability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.testkit.linearizability.LockModel.Acquire;
import io.github.raftkit.testkit.linearizability.LockModel.Expire;
import io.github.raftkit.testkit.linearizability.LockModel.Granted;
import io.github.raftkit.testkit.linearizability.LockModel.HeldBy;
import io.github.raftkit.testkit.linearizability.LockModel.Hold;
import io.github.raftkit.testkit.linearizability.LockModel.Holders;
import io.github.raftkit.testkit.linearizability.LockModel.Mode;
import io.github.raftkit.testkit.linearizability.LockModel.Release;
import io.github.raftkit.testkit.linearizability.LockModel.Released;
import io.github.raftkit.testkit.linearizability.LockModel.State;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One step at a time: the states {@link LockModel} moves through, which {@link LockHistoryTest} sees only whole. */
class LockModelTest {
    private static final long UNBOUNDED = Long.MAX_VALUE;

    private final LockModel lock = new LockModel();

    private State shared(Hold... holds) {
        long last = List.of(holds).stream().mapToLong(Hold::lowestToken).max().orElse(0);
        return new State(Optional.of(Mode.SHARED), List.of(holds), last);
    }

    @Test
    void aLockStartsFreeWithNoTokenGranted() {
        assertEquals(new State(Optional.empty(), List.of(), 0), lock.initial());
        assertEquals("free; next token > 0", lock.initial().toString());
    }

    @Test
    void aGrantRecordsItsHolderAndRaisesTheLastToken() {
        assertEquals(Optional.of(new State(Optional.of(Mode.EXCLUSIVE), List.of(new Hold(1, 3, 3)), 3)),
                lock.step(lock.initial(), new Acquire(1, Mode.EXCLUSIVE), new Granted(3)));
    }

    @Test
    void aTokenMustBePositive() {
        assertEquals(Optional.empty(), lock.step(lock.initial(), new Acquire(1, Mode.EXCLUSIVE), new Granted(0)));
    }

    @Test
    void aGrantNobodySawHoldsATokenAboveTheLastAndRaisesTheLowerBoundByOne() {
        State unseen = new State(Optional.of(Mode.SHARED), List.of(new Hold(1, 3, 3), new Hold(2, 4, UNBOUNDED)), 4);

        assertEquals(Optional.of(unseen), lock.step(shared(new Hold(1, 3, 3)), new Acquire(2, Mode.SHARED), null));
        assertEquals("held shared by 1 (token 3), 2 (token 4..); next token > 4", unseen.toString());
    }

    @Test
    void aGrantSeenLaterBoundsTheTokensOfEveryHoldBeforeIt() {
        State after = lock.step(shared(new Hold(1, 4, UNBOUNDED)), new Acquire(2, Mode.SHARED), new Granted(10))
                .orElseThrow();

        assertEquals(List.of(new Hold(1, 4, 9), new Hold(2, 10, 10)), after.holds());
    }

    @Test
    void aReentryLearnsATokenNobodySawIfItFitsItsRange() {
        State unseen = shared(new Hold(1, 4, 9), new Hold(2, 10, 10));

        assertEquals(Optional.of(shared(new Hold(1, 8, 8), new Hold(2, 10, 10))),
                lock.step(unseen, new Acquire(1, Mode.SHARED), new Granted(8)));
        assertEquals(Optional.empty(), lock.step(unseen, new Acquire(1, Mode.SHARED), new Granted(3)));
        assertEquals(Optional.empty(), lock.step(unseen, new Acquire(1, Mode.SHARED), new Granted(10)));
    }

    @Test
    void aReentryLearningATokenAboveTheLowerBoundRaisesIt() {
        State learned = lock.step(shared(new Hold(1, 4, UNBOUNDED)), new Acquire(1, Mode.SHARED), new Granted(20))
                .orElseThrow();

        assertEquals(20, learned.lastToken());
    }

    @Test
    void aTimedOutAcquireThatCannotBeGrantedNowCanOnlyTakeEffectLater() {
        State held = new State(Optional.of(Mode.EXCLUSIVE), List.of(new Hold(1, 3, 3)), 3);

        assertEquals(Optional.empty(), lock.step(held, new Acquire(2, Mode.EXCLUSIVE), null));
        assertEquals(Optional.empty(), lock.step(held, new Acquire(2, Mode.SHARED), null));
    }

    @Test
    void anIndeterminateReleaseOrExpiryFreesAHolderAndIgnoresOthers() {
        State held = new State(Optional.of(Mode.EXCLUSIVE), List.of(new Hold(1, 3, 3)), 3);
        State freed = new State(Optional.empty(), List.of(), 3);

        assertEquals(Optional.of(freed), lock.step(held, new Release(1), null));
        assertEquals(Optional.of(freed), lock.step(held, new Expire(1), null));
        assertEquals(Optional.of(held), lock.step(held, new Release(2), null));
        assertEquals(Optional.of(held), lock.step(held, new Expire(2), null));
        assertEquals(Optional.empty(), lock.step(held, new Release(2), new Released()));
    }

    @Test
    void theLastSharedReleaseFreesTheLock() {
        State one = lock.step(shared(new Hold(1, 3, 3), new Hold(2, 4, 4)), new Release(2), new Released())
                .orElseThrow();

        assertEquals(shared(new Hold(1, 3, 3)).holds(), one.holds());
        assertEquals(new State(Optional.empty(), List.of(), 4),
                lock.step(one, new Release(1), new Released()).orElseThrow());
    }

    @Test
    void aHoldersQueryMustAnswerTheOwnersHolding() {
        State held = shared(new Hold(1, 3, 3), new Hold(2, 4, 4));

        assertEquals(Optional.of(held), lock.step(held, new Holders(), new HeldBy(Set.of(2L, 1L))));
        assertEquals(Optional.empty(), lock.step(held, new Holders(), new HeldBy(Set.of(1L))));
        assertTrue(lock.readOnly(new Holders()));
        assertFalse(lock.readOnly(new Acquire(1, Mode.SHARED)));
    }

    @Test
    void anOutputOfTheWrongKindIsABugInTheHistoryNotAVerdict() {
        assertThrows(IllegalArgumentException.class,
                () -> lock.step(lock.initial(), new Acquire(1, Mode.SHARED), new Released()));
        assertThrows(IllegalArgumentException.class,
                () -> lock.step(lock.initial(), new Holders(), new Granted(3)));
    }

    @Test
    void aStateIsOneValueWhateverTheOrderItsHoldsWereGivenIn() {
        assertEquals(shared(new Hold(1, 3, 3), new Hold(2, 4, 4)), shared(new Hold(2, 4, 4), new Hold(1, 3, 3)));
    }

    @Test
    void aStateThatCannotHappenIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new State(Optional.of(Mode.EXCLUSIVE),
                List.of(new Hold(1, 3, 3), new Hold(2, 4, 4)), 4));
        assertThrows(IllegalArgumentException.class, () -> new State(Optional.empty(), List.of(new Hold(1, 3, 3)), 3));
        assertThrows(IllegalArgumentException.class, () -> shared(new Hold(1, 3, 3), new Hold(1, 4, 4)));
        assertThrows(IllegalArgumentException.class, () -> new Hold(1, 5, 4));
    }

    @Test
    void describesOperationsForPeople() {
        assertEquals("acquire exclusive by 1: token 3", lock.describe(new Acquire(1, Mode.EXCLUSIVE), new Granted(3)));
        assertEquals("acquire shared by 2: ?", lock.describe(new Acquire(2, Mode.SHARED), null));
        assertEquals("release by 1: released", lock.describe(new Release(1), new Released()));
        assertEquals("release by 1: ?", lock.describe(new Release(1), null));
        assertEquals("session of 4 expires", lock.describe(new Expire(4), null));
        assertEquals("holders: [1, 2]", lock.describe(new Holders(), new HeldBy(Set.of(2L, 1L))));
    }
}
