package io.github.raftkit.testkit.linearizability;

import static io.github.raftkit.testkit.linearizability.Verdicts.assertLinearizable;
import static io.github.raftkit.testkit.linearizability.Verdicts.assertNotLinearizable;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.testkit.linearizability.LockModel.Mode;
import org.junit.jupiter.api.Test;

/** Histories of a lock service checked against {@link LockModel}: what it must accept, and what it must reject. */
class LockHistoryTest {

    // Grants and releases.
    @Test
    void exclusiveGrantsSeparatedByReleasesAreLinearizable() {
        assertLinearizable(new LockTimeline()
                .exclusive(1, 3, 0, 1)
                .release(1, 2, 3)
                .exclusive(2, 5, 4, 5)
                .release(2, 6, 7)
                .holders(3, 8, 9)
                .check());
    }

    @Test
    void twoOverlappingExclusiveGrantsToDifferentOwnersAreNotLinearizable() {
        assertNotLinearizable(new LockTimeline().exclusive(1, 3, 0, 10).exclusive(2, 4, 0, 10).check());
    }

    @Test
    void anExclusiveGrantWhileAnotherOwnerHoldsIsNotLinearizable() {
        assertNotLinearizable(new LockTimeline().exclusive(1, 3, 0, 1).exclusive(2, 4, 2, 3).check());
    }

    @Test
    void aGrantWhoseTokenGoesBackwardsIsNotLinearizable() {
        assertNotLinearizable(new LockTimeline().exclusive(1, 7, 0, 1).release(1, 2, 3).exclusive(2, 5, 4, 5).check());
    }

    @Test
    void concurrentGrantsTakeEffectInTheOrderOfTheirTokens() {
        assertLinearizable(new LockTimeline().shared(1, 5, 0, 10).shared(2, 4, 0, 10).check());
    }

    @Test
    void readersGrantedTogetherShareOneToken() {
        assertLinearizable(new LockTimeline().shared(1, 5, 0, 1).shared(2, 5, 2, 3).check());
    }

    @Test
    void aSharedGrantRepeatingATokenNoHolderHasIsNotLinearizable() {
        assertNotLinearizable(new LockTimeline().shared(1, 5, 0, 1).release(1, 2, 3).shared(2, 5, 4, 5).check());
        assertNotLinearizable(new LockTimeline().exclusive(1, 5, 0, 1).release(1, 2, 3).shared(2, 5, 4, 5).check());
    }

    @Test
    void sharedHoldersCoexist() {
        assertLinearizable(new LockTimeline()
                .shared(1, 3, 0, 1)
                .shared(2, 4, 2, 3)
                .holders(3, 4, 5, 1, 2)
                .release(1, 6, 7)
                .holders(3, 8, 9, 2)
                .check());
    }

    @Test
    void anExclusiveGrantWhileSharedHoldersHoldIsNotLinearizable() {
        assertNotLinearizable(new LockTimeline().shared(1, 3, 0, 1).shared(2, 4, 2, 3).exclusive(3, 5, 4, 5).check());
    }

    @Test
    void aSharedGrantWhileAnExclusiveHolderHoldsIsNotLinearizable() {
        assertNotLinearizable(new LockTimeline().exclusive(1, 3, 0, 1).shared(2, 4, 2, 3).check());
    }

    @Test
    void aReleaseByANonHolderThatAnsweredIsNotLinearizable() {
        assertNotLinearizable(new LockTimeline().exclusive(1, 3, 0, 1).release(2, 2, 3).check());
    }

    @Test
    void aHoldersQueryMustSeeTheHolder() {
        assertNotLinearizable(new LockTimeline().exclusive(1, 3, 0, 1).holders(2, 2, 3).check());
    }

    // Re-entry.
    @Test
    void aReentrantAcquireAnswersTheTokenAlreadyHeldAndOneReleaseFreesTheLock() {
        assertLinearizable(new LockTimeline()
                .exclusive(1, 3, 0, 1)
                .exclusive(1, 3, 2, 3)
                .release(1, 4, 5)
                .holders(2, 6, 7)
                .check());
    }

    @Test
    void aReentrantAcquireAnsweringANewTokenIsNotLinearizable() {
        assertNotLinearizable(new LockTimeline().exclusive(1, 3, 0, 1).exclusive(1, 4, 2, 3).check());
    }

    @Test
    void aSharedHolderCannotBeGrantedTheLockExclusively() {
        assertNotLinearizable(new LockTimeline().shared(1, 3, 0, 1).exclusive(1, 3, 2, 3).check());
        assertNotLinearizable(new LockTimeline().shared(1, 3, 0, 1).exclusive(1, 4, 2, 3).check());
    }

    // Refused and timed-out acquires.
    @Test
    void aRefusedTryAcquireOnAFreeLockChangesNothing() {
        assertLinearizable(new LockTimeline()
                .refusedAcquire(1, Mode.EXCLUSIVE, 0, 1)
                .holders(2, 2, 3)
                .exclusive(2, 4, 4, 5)
                .check());
    }

    @Test
    void aRefusedAcquireLeavesNothingToRelease() {
        assertNotLinearizable(new LockTimeline().refusedAcquire(1, Mode.EXCLUSIVE, 0, 1).release(1, 2, 3).check());
    }

    @Test
    void aTimedOutAcquireMayHaveBeenGrantedOrNot() {
        assertLinearizable(new LockTimeline().timedOutAcquire(1, Mode.EXCLUSIVE, 0).holders(2, 5, 6, 1).check());
        assertLinearizable(new LockTimeline().timedOutAcquire(1, Mode.EXCLUSIVE, 0).holders(2, 5, 6).check());
    }

    @Test
    void aRetryAfterATimedOutAcquireLearnsTheTokenItWasGranted() {
        assertLinearizable(retriedAfterTimeout().exclusive(3, 8, 14, 15).check());
        assertNotLinearizable(retriedAfterTimeout().exclusive(3, 6, 14, 15).check());
    }

    /** Owner 2's acquire timed out but was granted (a query saw it hold), and its retry answered token 7. */
    private static LockTimeline retriedAfterTimeout() {
        return new LockTimeline()
                .exclusive(1, 3, 0, 1)
                .release(1, 2, 3)
                .timedOutAcquire(2, Mode.EXCLUSIVE, 4)
                .holders(3, 5, 6, 2)
                .exclusive(2, 7, 10, 11)
                .release(2, 12, 13);
    }

    @Test
    void aTokenNobodySawIsAboveTheOneBeforeIt() {
        // Owner 2's grant happened (the query saw it), so its token was at least 4, and owner 3's must exceed that.
        assertLinearizable(grantedUnseenThenExpired().exclusive(3, 5, 10, 11).check());
        assertNotLinearizable(grantedUnseenThenExpired().exclusive(3, 4, 10, 11).check());
    }

    /** After token 3, owner 2's acquire timed out but was granted (a query saw it hold), and its session expired. */
    private static LockTimeline grantedUnseenThenExpired() {
        return new LockTimeline()
                .exclusive(1, 3, 0, 1)
                .release(1, 2, 3)
                .timedOutAcquire(2, Mode.EXCLUSIVE, 4)
                .holders(3, 5, 6, 2)
                .expiry(2, 7);
    }

    @Test
    void aTokenNobodySawIsBelowEveryTokenGrantedAfterIt() {
        // Owner 1 held before owner 2's grant of token 10, so owner 1's token, learned on its retry, is below 10.
        assertLinearizable(sharedUnseenThenSeen().shared(1, 8, 5, 6).check());
        assertNotLinearizable(sharedUnseenThenSeen().shared(1, 12, 5, 6).check());
    }

    /** Owner 1's shared acquire timed out but was granted (a query saw it hold), then owner 2 got token 10. */
    private static LockTimeline sharedUnseenThenSeen() {
        return new LockTimeline()
                .timedOutAcquire(1, Mode.SHARED, 0)
                .holders(3, 1, 2, 1)
                .shared(2, 10, 3, 4);
    }

    // Expiries: a holder's release at an unknown instant after it stopped believing it held.
    @Test
    void anExpiryLetsAGrantThatReturnedAfterItsStartTakeTheLock() {
        assertLinearizable(new LockTimeline()
                .exclusive(1, 3, 0, 1)
                .expiry(1, 10)
                .exclusive(2, 5, 5, 12)
                .check());
    }

    @Test
    void aGrantReturningAtTheInstantTheExpiryStartsMayFollowIt() {
        assertLinearizable(new LockTimeline().exclusive(1, 3, 0, 1).expiry(1, 10).exclusive(2, 5, 5, 10).check());
    }

    @Test
    void aGrantThatReturnedBeforeTheExpiryStartedWhileTheHolderHeldIsNotLinearizable() {
        assertNotLinearizable(new LockTimeline()
                .exclusive(1, 3, 0, 1)
                .exclusive(2, 5, 5, 8)
                .expiry(1, 10)
                .check());
    }

    @Test
    void anExpiryOfAnOwnerThatDoesNotHoldChangesNothing() {
        assertNotLinearizable(new LockTimeline().exclusive(1, 3, 0, 1).expiry(2, 2).exclusive(3, 4, 5, 6).check());
    }

    @Test
    void aTimedOutReleaseByTheHolderIsLikeAnExpiry() {
        assertLinearizable(new LockTimeline()
                .exclusive(1, 3, 0, 1)
                .timedOutRelease(1, 10)
                .exclusive(2, 5, 5, 12)
                .check());
        assertNotLinearizable(new LockTimeline()
                .exclusive(1, 3, 0, 1)
                .timedOutRelease(1, 10)
                .exclusive(2, 5, 5, 8)
                .check());
    }

    // Each key is a lock of its own.
    @Test
    void locksAreIndependent() {
        assertLinearizable(new LockTimeline()
                .on("a").exclusive(1, 3, 0, 10)
                .on("b").exclusive(2, 4, 0, 10)
                .check());
    }

    @Test
    void theExplanationShowsWhoHeldTheLock() {
        CheckResult result = new LockTimeline().exclusive(1, 3, 0, 1).exclusive(2, 4, 2, 3).check();

        assertNotLinearizable(result);
        String explanation = result.explanation();
        assertTrue(explanation.contains("#1 client 1 [0, 1] acquire exclusive by 1: token 3"), explanation);
        assertTrue(explanation.contains("state is held exclusive by 1 (token 3); next token > 3"), explanation);
        assertTrue(explanation.contains("#2 client 2 [2, 3] acquire exclusive by 2: token 4"), explanation);
    }
}
