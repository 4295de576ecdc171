package io.github.raftkit.core.engine;

import static io.github.raftkit.core.engine.EngineFixture.ELECTION_MIN;
import static io.github.raftkit.core.engine.EngineFixture.N2;
import static io.github.raftkit.core.engine.EngineFixture.N3;
import static io.github.raftkit.core.engine.EngineFixture.appendFrom;
import static io.github.raftkit.core.engine.EngineFixture.node;
import static io.github.raftkit.core.engine.EngineFixture.ofType;
import static io.github.raftkit.core.engine.EngineFixture.only;
import static io.github.raftkit.core.engine.EngineFixture.preVoteRequest;
import static io.github.raftkit.core.engine.EngineFixture.transferVoteRequest;
import static io.github.raftkit.core.engine.EngineFixture.voteRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.Role;
import io.github.raftkit.api.message.RequestVoteResponse;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Dissertation §4.2.3 (disruptive servers): "if a server receives a RequestVote request within the minimum election
 * timeout of hearing from a current leader, it does not update its term or grant its vote." Enabled with
 * CheckQuorum, which keeps a leader that lost its majority from holding the lease.
 */
@DisplayName("§4.2.3 leader lease against disruptive servers")
class LeaderLeaseTest {

    /** n1 following n2 in term 2, with CheckQuorum (and so the lease) on. */
    private static EngineFixture followerOfN2(EngineFixture.Builder builder) {
        EngineFixture n1 = builder.checkQuorum().log(1, 2).follower(2);
        n1.step(appendFrom(N2, 2).prev(2, 2));
        n1.ready();
        return n1;
    }

    @Test // §4.2.3
    void followerThatHeardFromItsLeaderRecentlyIgnoresAVoteRequestWithAHigherTerm() {
        EngineFixture n1 = followerOfN2(node());
        n1.tick(ELECTION_MIN - 1);

        n1.step(voteRequest(N3, 3, 2, 2));

        assertEquals(2, n1.engine.term(), "the disruptive term is not adopted");
        assertEquals(Optional.empty(), n1.engine.votedFor());
        assertEquals(Optional.of(N2), n1.engine.leader());
        assertTrue(n1.ready().isEmpty(), "ignored, not even refused");
        assertEquals(1, n1.engine.anomalies(Anomaly.LEADER_LEASE));
    }

    @Test // §4.2.3 with §9.6
    void followerThatHeardFromItsLeaderRecentlyIgnoresAPreVoteRequest() {
        EngineFixture n1 = followerOfN2(node().preVote());

        n1.step(preVoteRequest(N3, 3, 2, 2));

        assertTrue(n1.ready().isEmpty());
        assertEquals(1, n1.engine.anomalies(Anomaly.LEADER_LEASE));
    }

    @Test // §4.2.3, §3.10: "a server ... should not ignore a RequestVote that was caused by a leadership transfer"
    void voteRequestForALeadershipTransferIsNotIgnored() {
        EngineFixture n1 = followerOfN2(node());

        n1.step(transferVoteRequest(N3, 3, 2, 2));

        assertEquals(3, n1.engine.term());
        assertTrue(only(n1.ready().messagesAfterPersist(), RequestVoteResponse.class).granted());
        assertEquals(Optional.of(N3), n1.engine.votedFor());
        assertEquals(0, n1.engine.anomalies(Anomaly.LEADER_LEASE));
    }

    @Test // §4.2.3: the lease lasts the minimum election timeout
    void leaseEndsOnceTheMinimumElectionTimeoutPassesWithoutTheLeader() {
        // PreVote keeps n1's own timeout (if it fires) from raising its term, so only the request decides.
        EngineFixture n1 = followerOfN2(node().preVote());
        n1.tick(ELECTION_MIN);

        n1.step(voteRequest(N3, 3, 2, 2));

        assertEquals(3, n1.engine.term());
        assertTrue(only(n1.ready().messagesAfterPersist(), RequestVoteResponse.class).granted());
        assertEquals(0, n1.engine.anomalies(Anomaly.LEADER_LEASE));
    }

    @Test // §4.2.3 and §6.4.1: a restarted member may have promised a leader its lease just before it stopped
    void restartedMemberIgnoresVoteRequestsForAMinimumElectionTimeout() {
        EngineFixture n1 = node().checkQuorum().log(1, 2).follower(2);
        n1.tick(ELECTION_MIN - 1);

        n1.step(voteRequest(N3, 3, 2, 2));

        assertEquals(2, n1.engine.term());
        assertTrue(n1.ready().isEmpty(), "ignored, not even refused");
        assertEquals(1, n1.engine.anomalies(Anomaly.LEADER_LEASE));
    }

    @Test // §4.2.3: the promise a restarted member keeps ends with the minimum election timeout
    void restartedMemberVotesOnceTheMinimumElectionTimeoutPassed() {
        EngineFixture n1 = node().checkQuorum().preVote().log(1, 2).follower(2);
        n1.tick(ELECTION_MIN);

        n1.step(voteRequest(N3, 3, 2, 2));

        assertTrue(only(n1.ready().messagesAfterPersist(), RequestVoteResponse.class).granted());
    }

    @Test // §4.2.3: a member that never saw a term promised no leader anything, so a new cluster elects at once
    void memberThatNeverTookPartInAnElectionVotesAtOnce() {
        EngineFixture n1 = node().checkQuorum().follower(0);

        n1.step(voteRequest(N3, 1, 0, 0));

        assertTrue(only(n1.ready().messagesAfterPersist(), RequestVoteResponse.class).granted());
    }

    @Test // §4.2.3: without CheckQuorum there is no lease, and the request is handled by §5.1
    void withoutCheckQuorumAVoteRequestWithAHigherTermIsHeard() {
        EngineFixture n1 = node().log(1, 2).follower(2);
        n1.step(appendFrom(N2, 2).prev(2, 2));

        n1.step(voteRequest(N3, 3, 2, 2));

        assertEquals(3, n1.engine.term());
        assertEquals(Role.FOLLOWER, n1.engine.role());
        assertEquals(1, ofType(n1.ready().messagesAfterPersist(), RequestVoteResponse.class).size());
    }

    @Test // §4.2.3: a leader holds the lease itself; CheckQuorum deposes it if it is cut off
    void leaderIgnoresAVoteRequestWithAHigherTermWhileItHoldsTheLease() {
        EngineFixture n1 = node().checkQuorum().leader(2);

        n1.step(voteRequest(N3, 3, 9, 2));

        assertEquals(Role.LEADER, n1.engine.role());
        assertEquals(2, n1.engine.term());
        assertEquals(1, n1.engine.anomalies(Anomaly.LEADER_LEASE));
    }
}
