package io.github.raftkit.core.engine.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.core.engine.replication.FollowerProgress.State;
import org.junit.jupiter.api.Test;

/** The probe/replicate state machine of one follower, as etcd's raft {@code tracker/progress.go} describes it. */
class FollowerProgressTest {

    /** A follower just after its leader's election, the leader's log ending at 5. */
    private static FollowerProgress fresh() {
        return new FollowerProgress(NodeId.of("n2"), 6, 2);
    }

    /** A follower streaming from 6 after a successful probe at 5. */
    private static FollowerProgress replicating() {
        FollowerProgress follower = fresh();
        follower.sent(5);
        follower.acknowledged(5);
        return follower;
    }

    @Test
    void startsProbingJustPastTheLeadersLastEntryWithNothingMatched() {
        FollowerProgress follower = fresh();

        assertEquals(State.PROBE, follower.state());
        assertEquals(6, follower.next());
        assertEquals(0, follower.match());
    }

    @Test
    void probeAllowsOneAppendAtATimeUntilAnsweredOrAHeartbeatPasses() {
        FollowerProgress follower = fresh();
        assertTrue(follower.canSend());

        follower.sent(7);
        assertFalse(follower.canSend());
        assertEquals(6, follower.next(), "a probe does not move next");

        follower.unpause(1);
        assertTrue(follower.canSend());
    }

    @Test
    void successfulProbeSwitchesToReplicate() {
        FollowerProgress follower = fresh();
        follower.sent(5);

        assertTrue(follower.acknowledged(5));

        assertEquals(State.REPLICATE, follower.state());
        assertEquals(5, follower.match());
        assertEquals(6, follower.next());
    }

    @Test
    void acknowledgementBelowTheProbedPositionKeepsProbing() {
        FollowerProgress follower = fresh();
        follower.sent(5);

        follower.acknowledged(3);

        assertEquals(State.PROBE, follower.state());
        assertEquals(3, follower.match());
    }

    @Test
    void replicateAdvancesNextOptimisticallyWithinTheWindow() {
        FollowerProgress follower = replicating();

        follower.sent(7);
        assertEquals(8, follower.next());
        assertTrue(follower.canSend());
        follower.sent(9);
        assertFalse(follower.canSend(), "window of 2 is full");

        follower.acknowledged(7);
        assertTrue(follower.canSend());
        assertEquals(7, follower.match());
        assertEquals(10, follower.next(), "acknowledging the first append does not resend the second");
    }

    @Test
    void emptyAppendTakesNoRoomInTheWindow() {
        FollowerProgress follower = replicating();

        follower.sent(5);
        follower.sent(5);
        follower.sent(5);

        assertTrue(follower.canSend());
    }

    @Test
    void matchNeverMovesBack() {
        FollowerProgress follower = replicating();
        follower.acknowledged(8);

        assertFalse(follower.acknowledged(6));

        assertEquals(8, follower.match());
    }

    @Test // §5.3: a rejection sends the leader back, but never below what is known to match
    void rejectionFallsBackToProbeButNeverBelowTheMatch() {
        FollowerProgress follower = replicating();
        follower.sent(9);

        assertTrue(follower.rejected(8, 2));

        assertEquals(State.PROBE, follower.state());
        assertEquals(6, follower.next());
        assertTrue(follower.canSend());
    }

    @Test
    void rejectionHintBeyondTheRejectedIndexIsCappedAtIt() {
        FollowerProgress follower = fresh();
        follower.sent(5);

        follower.rejected(5, 50);

        assertEquals(5, follower.next());
    }

    @Test
    void staleRejectionChangesNothing() {
        FollowerProgress follower = replicating();
        follower.sent(9);

        assertFalse(follower.rejected(5, 1), "at or below the match");
        assertEquals(State.REPLICATE, follower.state());

        FollowerProgress probing = fresh();
        probing.sent(5);
        assertFalse(probing.rejected(3, 1), "not the index being probed");
        assertEquals(6, probing.next());
    }

    @Test
    void activityIsTakenOncePerCheckQuorumPeriodAndRoundsOnlyGrow() {
        FollowerProgress follower = fresh();
        follower.heardFrom(4);
        follower.heardFrom(2);

        assertEquals(4, follower.ackedRound());
        assertTrue(follower.takeRecentlyActive());
        assertFalse(follower.takeRecentlyActive());
    }
}
