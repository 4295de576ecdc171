package io.github.raftkit.core.engine;

import static io.github.raftkit.core.engine.EngineFixture.ELECTION_MIN;
import static io.github.raftkit.core.engine.EngineFixture.GROUP;
import static io.github.raftkit.core.engine.EngineFixture.N1;
import static io.github.raftkit.core.engine.EngineFixture.N2;
import static io.github.raftkit.core.engine.EngineFixture.N3;
import static io.github.raftkit.core.engine.EngineFixture.ack;
import static io.github.raftkit.core.engine.EngineFixture.appendFrom;
import static io.github.raftkit.core.engine.EngineFixture.command;
import static io.github.raftkit.core.engine.EngineFixture.node;
import static io.github.raftkit.core.engine.EngineFixture.ofType;
import static io.github.raftkit.core.engine.EngineFixture.only;
import static io.github.raftkit.core.engine.EngineFixture.timeoutNow;
import static io.github.raftkit.core.engine.EngineFixture.transferVoteRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.Role;
import io.github.raftkit.api.message.RequestVote;
import io.github.raftkit.api.message.TimeoutNow;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Dissertation §3.10 (leadership transfer): the leader stops taking requests, brings the target's log up to date,
 * then sends it TimeoutNow; the target campaigns at once, and its vote requests say so, so that followers' leases do
 * not ignore them.
 */
@DisplayName("§3.10 leadership transfer")
class LeadershipTransferTest {

    @Test // §3.10 step 2: "the prior leader sends a TimeoutNow request to the target server"
    void transferToACaughtUpFollowerSendsTimeoutNowAtOnce() {
        EngineFixture n1 = node().leaderWithFollowersCaughtUp(2);

        assertTrue(n1.engine.transferLeadership(N2));

        assertEquals(new TimeoutNow(GROUP, N1, N2, 2), only(n1.ready().messages(), TimeoutNow.class));
    }

    @Test // §3.10 step 1: "The prior leader ... ensures that the target server's log is up to date"
    void transferToALaggingFollowerWaitsUntilItHasCaughtUp() {
        EngineFixture n1 = node().leaderWithFollowersCaughtUp(2);
        n1.engine.propose(List.of(command(1)));
        n1.ready();

        n1.engine.transferLeadership(N2);
        assertTrue(ofType(n1.ready().messages(), TimeoutNow.class).isEmpty());
        n1.step(ack(N3, 2, 2));
        assertTrue(ofType(n1.ready().messages(), TimeoutNow.class).isEmpty(), "another follower's progress");

        n1.step(ack(N2, 2, 2));
        assertEquals(N2, only(n1.ready().messages(), TimeoutNow.class).to());
    }

    @Test // §3.10 step 1: "the prior leader stops accepting new client requests"
    void proposalsAreRefusedWhileLeadershipIsHandedOver() {
        EngineFixture n1 = node().leaderWithFollowersCaughtUp(2);
        n1.engine.transferLeadership(N2);

        assertInstanceOf(ProposalOutcome.NotLeader.class, n1.engine.propose(List.of(command(1))));
        assertEquals(1, n1.engine.lastIndex());
    }

    @Test // §3.10: "If the transfer does not complete within an election timeout, the prior leader aborts"
    void transferThatDoesNotCompleteWithinAnElectionTimeoutIsAbandoned() {
        EngineFixture n1 = node().leaderWithFollowersCaughtUp(2);
        n1.engine.transferLeadership(N2);

        n1.tick(ELECTION_MIN);

        assertEquals(Role.LEADER, n1.engine.role());
        assertInstanceOf(ProposalOutcome.Accepted.class, n1.engine.propose(List.of(command(1))));
    }

    @Test // §3.10: only a leader hands leadership over, and only to another member
    void transferIsRefusedUnlessLeaderAndTargetIsAnotherMember() {
        EngineFixture leader = node().leaderWithFollowersCaughtUp(2);
        assertFalse(leader.engine.transferLeadership(N1));
        assertFalse(leader.engine.transferLeadership(NodeId.of("n9")));

        assertFalse(node().follower(2).engine.transferLeadership(N2));
    }

    @Test // §3.10: "When the target server receives TimeoutNow, it ... start[s] a new election" (no PreVote round)
    void followerThatGetsTimeoutNowFromItsLeaderCampaignsAtOnce() {
        EngineFixture n1 = node().preVote().checkQuorum().log(1, 2).follower(2);
        n1.step(appendFrom(N2, 2).prev(2, 2));
        n1.ready();

        n1.step(timeoutNow(N2, 2));

        assertEquals(Role.CANDIDATE, n1.engine.role(), "no pre-vote: the leader itself asked");
        assertEquals(3, n1.engine.term());
        Ready ready = n1.ready();
        assertEquals(List.of(new RequestVote(GROUP, N1, N2, 3, 2, 2, false, true),
                new RequestVote(GROUP, N1, N3, 3, 2, 2, false, true)),
                ofType(ready.messagesAfterPersist(), RequestVote.class));
    }

    @Test // §3.10: TimeoutNow counts only from this member's current leader
    void timeoutNowFromAMemberThatIsNotTheLeaderIsIgnored() {
        EngineFixture n1 = node().follower(2);
        n1.step(appendFrom(N2, 2));

        n1.step(timeoutNow(N3, 2));

        assertEquals(Role.FOLLOWER, n1.engine.role());
        assertEquals(2, n1.engine.term());
        assertEquals(1, n1.engine.anomalies(Anomaly.STALE_RESPONSE));
    }

    @Test // §3.10 with §4.2.3: the leader itself yields to the vote request it caused
    void leaderStepsDownForTheTransfereesVoteRequest() {
        EngineFixture n1 = node().checkQuorum().leaderWithFollowersCaughtUp(2);
        n1.engine.transferLeadership(N2);

        n1.step(transferVoteRequest(N2, 3, 1, 2));

        assertEquals(Role.FOLLOWER, n1.engine.role());
        assertEquals(3, n1.engine.term());
        assertEquals(Optional.of(N2), n1.engine.votedFor());
    }
}
