package io.github.raftkit.core.engine;

import static io.github.raftkit.core.engine.EngineFixture.ELECTION_MIN;
import static io.github.raftkit.core.engine.EngineFixture.HEARTBEAT_TICKS;
import static io.github.raftkit.core.engine.EngineFixture.N1;
import static io.github.raftkit.core.engine.EngineFixture.N2;
import static io.github.raftkit.core.engine.EngineFixture.N3;
import static io.github.raftkit.core.engine.EngineFixture.N4;
import static io.github.raftkit.core.engine.EngineFixture.N5;
import static io.github.raftkit.core.engine.EngineFixture.ack;
import static io.github.raftkit.core.engine.EngineFixture.command;
import static io.github.raftkit.core.engine.EngineFixture.node;
import static io.github.raftkit.core.engine.EngineFixture.ofType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.message.AppendEntries;
import io.github.raftkit.api.message.TimeoutNow;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Dissertation §6.4.1 (reads by lease): once a majority has answered a heartbeat round, no other member can be
 * elected for about an election timeout after that round was sent, because followers that heard from the leader
 * refuse votes (§4.2.3); until then the leader confirms reads at once, without a round of its own. Anything that
 * voids that reasoning sends the read down the ReadIndex path (§6.4) instead.
 */
@DisplayName("§6.4.1 lease reads")
class LeaseReadTest {

    /** n1 leading term 2 with CheckQuorum, its no-op committed, and the round it sent at tick 2 not yet answered. */
    private static EngineFixture leaderWithARoundOut(EngineFixture.Builder builder) {
        EngineFixture n1 = builder.checkQuorum().leaderWithFollowersCaughtUp(2);
        n1.tick(HEARTBEAT_TICKS);
        return n1;
    }

    /** The newest heartbeat round among the appends {@code ready} sends to n2. */
    private static long sentRound(Ready ready) {
        return ofType(ready.messages(), AppendEntries.class, N2).stream().mapToLong(AppendEntries::round).max()
                .orElseThrow(() -> new AssertionError("no append to n2 in " + ready.messages()));
    }

    /** Asks for a lease read and asserts that it was confirmed at once, at {@code index}. */
    private static void assertServedByLease(EngineFixture n1, long requestId, long index) {
        assertTrue(n1.engine.leaseRead(requestId));
        Ready ready = n1.ready();
        assertEquals(List.of(new ReadState(requestId, index)), ready.reads());
        assertTrue(ofType(ready.messages(), AppendEntries.class).isEmpty(), "no heartbeat round for a lease read");
    }

    /** Asks for a lease read and asserts that it took the ReadIndex path: queued behind a new heartbeat round. */
    private static long assertFellBackToReadIndex(EngineFixture n1, long requestId) {
        assertTrue(n1.engine.leaseRead(requestId), "a leader accepts the read either way");
        Ready ready = n1.ready();
        assertTrue(ready.reads().isEmpty(), "not confirmed by lease");
        return sentRound(ready);
    }

    @Test // §6.4.1: "the leader would assume that no other server will become leader for about an election timeout"
    void leaderWhoseRoundAMajorityAnsweredConfirmsAReadAtOnceWithoutAHeartbeatRound() {
        EngineFixture n1 = leaderWithARoundOut(node());
        n1.step(ack(N2, 2, 1, sentRound(n1.ready())));

        assertServedByLease(n1, 7, 1);
    }

    @Test // §6.4.1 relies on §4.2.3, which followers apply only with CheckQuorum
    void withoutCheckQuorumThereIsNoLeaseAndTheReadWaitsForAHeartbeatRound() {
        EngineFixture n1 = node().leaderWithFollowersCaughtUp(2);
        n1.tick(HEARTBEAT_TICKS);
        n1.step(ack(N2, 2, 1, sentRound(n1.ready())));

        long round = assertFellBackToReadIndex(n1, 7);
        n1.step(ack(N2, 2, 1, round));
        assertEquals(List.of(new ReadState(7, 1)), n1.ready().reads(), "served by ReadIndex");
    }

    @Test // §6.4.1 with §6.4 step 1: until an entry of its term commits, a leader's commit index may lag
    void noLeaseBeforeTheLeaderHasCommittedAnEntryOfItsTerm() {
        EngineFixture n1 = node().checkQuorum().log(1).leader(2);
        n1.ready();
        n1.tick(HEARTBEAT_TICKS);
        // n2 answers the round but has not stored the no-op (index 2): leadership is confirmed, nothing committed.
        n1.step(ack(N2, 2, 1, sentRound(n1.ready())));
        assertEquals(0, n1.engine.commitIndex());

        long round = assertFellBackToReadIndex(n1, 7);
        n1.step(ack(N2, 2, 2, round));
        assertEquals(List.of(new ReadState(7, 2)), n1.ready().reads(), "served by ReadIndex once the no-op commits");
        assertServedByLease(n1, 8, 2);
    }

    @Test // §6.4.1: followers start refusing votes when the round arrives, which is no earlier than when it was sent
    void leaseRunsFromWhenTheAnsweredRoundWasSentNotFromWhenTheAnswerArrived() {
        EngineFixture n1 = leaderWithARoundOut(node());
        long round = sentRound(n1.ready());
        int leaseTicks = n1.engine.config().leaseTicks();
        n1.tick(leaseTicks - 1);
        n1.ready();

        n1.step(ack(N2, 2, 1, round));
        assertServedByLease(n1, 7, 1);

        n1.tick(1);
        n1.ready();
        assertFellBackToReadIndex(n1, 8);
    }

    @Test // §6.4.1: the lease lasts only as long as the followers' §4.2.3 refusal can be counted on
    void leaseExpiresAfterLeaseTicksWithoutANewerAnsweredRoundAndANewerRoundRenewsIt() {
        EngineFixture n1 = leaderWithARoundOut(node());
        n1.step(ack(N2, 2, 1, sentRound(n1.ready())));
        int leaseTicks = n1.engine.config().leaseTicks();

        n1.tick(leaseTicks - 1);
        long latestRound = sentRound(n1.ready());
        assertServedByLease(n1, 7, 1);

        n1.tick(1);
        n1.ready();
        assertFellBackToReadIndex(n1, 8);

        n1.step(ack(N3, 2, 1, latestRound));
        n1.ready();
        assertServedByLease(n1, 9, 1);
    }

    @Test // §6.4.1: a lease needs a majority, counting the leader
    void roundAnsweredByOnlyAMinorityGrantsNoLease() {
        EngineFixture n1 = leaderWithARoundOut(node().members(N1, N2, N3, N4, N5));
        long round = sentRound(n1.ready());

        n1.step(ack(N2, 2, 1, round));
        n1.ready();
        assertFellBackToReadIndex(n1, 7);

        n1.step(ack(N3, 2, 1, round));
        n1.ready();
        assertServedByLease(n1, 8, 1);
    }

    @Test // §6.4.1 with §3.10: TimeoutNow lets its target win votes inside the followers' §4.2.3 lease
    void leaderThatStartedALeadershipTransferServesNoLeaseReadsForTheRestOfItsTerm() {
        EngineFixture n1 = leaderWithARoundOut(node());
        long round = sentRound(n1.ready());
        n1.engine.propose(List.of(command(1)));
        n1.readyAndPersist();
        n1.step(ack(N2, 2, 2, round));
        assertServedByLease(n1, 7, 2);

        // n3 lacks entry 2, so TimeoutNow is not sent yet; it may be at any moment.
        assertTrue(n1.engine.transferLeadership(N3));
        assertTrue(ofType(n1.ready().messages(), TimeoutNow.class).isEmpty());
        assertFellBackToReadIndex(n1, 8);

        // The transfer gives up after an election timeout; the lease stays given up, however fresh the round.
        n1.tick(ELECTION_MIN);
        n1.tick(HEARTBEAT_TICKS);
        n1.step(ack(N2, 2, 2, sentRound(n1.ready())));
        n1.ready();
        assertTrue(n1.engine.propose(List.of(command(1))) instanceof ProposalOutcome.Accepted, "transfer is over");
        n1.ready();
        assertFellBackToReadIndex(n1, 9);
    }

    @Test // §6.4.1: only a leader holds a lease
    void followerAndCandidateRefuseALeaseRead() {
        EngineFixture follower = node().checkQuorum().follower(2);
        assertFalse(follower.engine.leaseRead(7));
        assertTrue(follower.ready().isEmpty());

        EngineFixture candidate = node().checkQuorum().candidate(2);
        assertFalse(candidate.engine.leaseRead(7));
        assertTrue(candidate.ready().isEmpty());
    }

    @Test // §6.4.1: a single member answers its own rounds, so it holds the lease from its first heartbeat
    void singleMemberHoldsTheLeaseFromItsFirstRound() {
        EngineFixture n1 = node().checkQuorum().members(N1).follower(0);
        n1.engine.campaign();
        n1.readyAndPersist();
        n1.tick(HEARTBEAT_TICKS);
        n1.ready();

        assertServedByLease(n1, 7, 1);
    }

    @Test // §6.4.1: "assuming a bound on clock drift"; and members tick out of phase by up to one tick
    void leaseLastsTheElectionTimeoutLessOneTickLessTheDriftMargin() {
        EngineFixture n1 = node().leaseDriftTicks(3).follower(1);

        assertEquals(ELECTION_MIN - 1 - 3, n1.engine.config().leaseTicks());
    }

    @Test // §6.4.1: a margin that leaves no lease at all is a configuration mistake
    void driftMarginThatLeavesNoLeaseIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EngineConfig(N1,
                GroupId.DEFAULT, List.of(N1), 1, 4, 8, false, true, 1, 1, 1, 0, 3));
        assertTrue(e.getMessage().contains("leaseDriftTicks"), e.getMessage());
    }
}
