package io.github.raftkit.core.engine;

import static io.github.raftkit.core.engine.EngineFixture.N1;
import static io.github.raftkit.core.engine.EngineFixture.N2;
import static io.github.raftkit.core.engine.EngineFixture.N3;
import static io.github.raftkit.core.engine.EngineFixture.ack;
import static io.github.raftkit.core.engine.EngineFixture.appendFrom;
import static io.github.raftkit.core.engine.EngineFixture.node;
import static io.github.raftkit.core.engine.EngineFixture.only;
import static io.github.raftkit.core.engine.EngineFixture.terms;
import static io.github.raftkit.core.engine.EngineFixture.vote;
import static io.github.raftkit.core.engine.EngineFixture.voteRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.Role;
import io.github.raftkit.api.message.AppendEntriesResponse;
import io.github.raftkit.api.message.RequestVoteResponse;
import io.github.raftkit.api.spi.PersistentState;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Raft paper §5.1 (Figure 2, "Rules for Servers"): "If a candidate or leader discovers that its term is out of date,
 * it immediately reverts to follower state. If a server receives a request with a stale term number, it rejects the
 * request."
 */
@DisplayName("§5.1 term rules")
class TermRulesTest {

    @Test // §5.1
    void leaderThatSeesAHigherTermBecomesFollowerInThatTerm() {
        EngineFixture n1 = node().log(1).leader(2);

        n1.step(appendFrom(N2, 5).prev(1, 1));

        assertEquals(Role.FOLLOWER, n1.engine.role());
        assertEquals(5, n1.engine.term());
        assertEquals(Optional.empty(), n1.engine.votedFor(), "its vote was for its own, older term");
        assertEquals(Optional.of(N2), n1.engine.leader());
        assertEquals(Optional.of(new PersistentState(5, Optional.empty())), n1.ready().state());
    }

    @Test // §5.1
    void candidateThatSeesAHigherTermInAResponseBecomesFollowerWithoutAVote() {
        EngineFixture n1 = node().candidate(3);

        n1.step(vote(N2, 4, false));

        assertEquals(Role.FOLLOWER, n1.engine.role());
        assertEquals(4, n1.engine.term());
        assertEquals(Optional.empty(), n1.engine.votedFor());
        assertEquals(Optional.empty(), n1.engine.leader(), "a vote response names no leader");
        assertEquals(Optional.of(new PersistentState(4, Optional.empty())), n1.ready().state());
    }

    @Test // §5.1
    void leaderThatAcknowledgesAHigherTermInAnAppendResponseStepsDown() {
        EngineFixture n1 = node().leader(2);

        n1.step(new AppendEntriesResponse(EngineFixture.GROUP, N3, N1, 7, false, 0, 0, 0, 1, 0));

        assertEquals(Role.FOLLOWER, n1.engine.role());
        assertEquals(7, n1.engine.term());
    }

    @Test // §5.1
    void appendEntriesFromAnOlderTermIsRefusedWithTheCurrentTerm() {
        EngineFixture n1 = node().log(1, 3).follower(3);

        n1.step(appendFrom(N2, 2).prev(1, 1).entries(2).commit(2));

        Ready ready = n1.ready();
        AppendEntriesResponse refusal = only(ready.messagesAfterPersist(), AppendEntriesResponse.class);
        assertFalse(refusal.success());
        assertEquals(3, refusal.term(), "the refusal teaches the stale leader our term");
        assertEquals(terms(1, 3), n1.logTerms(), "the stale leader's entries are not taken");
        assertEquals(0, n1.engine.commitIndex());
        assertEquals(Optional.empty(), n1.engine.leader());
        assertEquals(1, n1.engine.anomalies(Anomaly.STALE_TERM));
    }

    @Test // §5.1
    void voteRequestFromAnOlderTermIsRefusedWithTheCurrentTerm() {
        EngineFixture n1 = node().follower(4);

        n1.step(voteRequest(N2, 3, 10, 3));

        RequestVoteResponse refusal = only(n1.ready().messagesAfterPersist(), RequestVoteResponse.class);
        assertFalse(refusal.granted());
        assertEquals(4, refusal.term());
        assertEquals(Optional.empty(), n1.engine.votedFor());
        assertEquals(1, n1.engine.anomalies(Anomaly.STALE_TERM));
    }

    @Test // §5.1
    void responseFromAnOlderTermIsIgnoredAndCounted() {
        EngineFixture n1 = node().leader(3);

        n1.step(ack(N2, 2, 1));

        assertEquals(Role.LEADER, n1.engine.role());
        assertEquals(0, n1.engine.followers().get(0).match(), "a stale ack does not count as replication");
        assertTrue(n1.ready().messagesAfterPersist().isEmpty(), "a response is never answered");
        assertEquals(1, n1.engine.anomalies(Anomaly.STALE_TERM));
    }

    @Test // §5.1
    void voteFromAnOlderTermIsNotCounted() {
        EngineFixture n1 = node().members(N1, N2, N3).candidate(3);

        n1.step(vote(N2, 2, true));

        assertEquals(Role.CANDIDATE, n1.engine.role(), "a vote from term 2 is no vote in term 3");
        assertEquals(1, n1.engine.anomalies(Anomaly.STALE_TERM));
    }

    @Test // §5.1
    void responseThatNoLongerMatchesTheRoleIsIgnoredAndCounted() {
        EngineFixture follower = node().follower(2);
        follower.step(ack(N2, 2, 5));
        follower.step(vote(N2, 2, true));

        assertEquals(Role.FOLLOWER, follower.engine.role(), "a vote it did not ask for elects nobody");
        assertEquals(2, follower.engine.anomalies(Anomaly.STALE_RESPONSE));

        EngineFixture leader = node().leader(2);
        leader.step(vote(N3, 2, true));

        assertEquals(Role.LEADER, leader.engine.role());
        assertEquals(1, leader.engine.anomalies(Anomaly.STALE_RESPONSE), "a late vote is stale once elected");
    }
}
