package io.github.raftkit.core.engine;

import static io.github.raftkit.core.engine.EngineFixture.ELECTION_MAX;
import static io.github.raftkit.core.engine.EngineFixture.N1;
import static io.github.raftkit.core.engine.EngineFixture.N2;
import static io.github.raftkit.core.engine.EngineFixture.N3;
import static io.github.raftkit.core.engine.EngineFixture.appendFrom;
import static io.github.raftkit.core.engine.EngineFixture.node;
import static io.github.raftkit.core.engine.EngineFixture.ofType;
import static io.github.raftkit.core.engine.EngineFixture.only;
import static io.github.raftkit.core.engine.EngineFixture.preVote;
import static io.github.raftkit.core.engine.EngineFixture.preVoteRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.Role;
import io.github.raftkit.api.message.RequestVote;
import io.github.raftkit.api.message.RequestVoteResponse;
import io.github.raftkit.api.spi.PersistentState;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Dissertation §9.6 (PreVote): a member first asks whether it could win, and raises its term only if a majority says
 * yes, so that a member rejoining after a partition does not depose a working leader.
 */
@DisplayName("§9.6 PreVote")
class PreVoteTest {

    /** n1 at term 1 with log [1, 1], after its election timeout passed with PreVote on. */
    private static EngineFixture preCandidate() {
        EngineFixture n1 = node().preVote().log(1, 1).follower(1);
        n1.ticksUntilRoleChanges(ELECTION_MAX);
        assertEquals(Role.PRE_CANDIDATE, n1.engine.role());
        return n1;
    }

    @Test // §9.6
    void preCandidateDoesNotRaiseItsTermOrCastItsVote() {
        EngineFixture n1 = preCandidate();

        assertEquals(1, n1.engine.term());
        assertEquals(Optional.empty(), n1.engine.votedFor());
        assertEquals(Optional.empty(), n1.ready().state(), "nothing to persist");
    }

    @Test // §9.6: pre-vote requests name the term the pre-candidate would campaign in
    void preVoteRequestsCarryTheNextTermAndLeaveAtOnce() {
        EngineFixture n1 = preCandidate();

        Ready ready = n1.ready();

        assertEquals(List.of(new RequestVote(EngineFixture.GROUP, N1, N2, 2, 2, 1, true, false),
                new RequestVote(EngineFixture.GROUP, N1, N3, 2, 2, 1, true, false)),
                ofType(ready.messages(), RequestVote.class), "they promise nothing durable");
        assertTrue(ready.messagesAfterPersist().isEmpty());
    }

    @Test // §9.6
    void followerGrantsAPreVoteWithoutChangingItsTermOrVote() {
        EngineFixture n1 = node().votedFor(N3).log(1, 1).follower(3);

        n1.step(preVoteRequest(N2, 4, 2, 1));

        assertEquals(3, n1.engine.term());
        assertEquals(Optional.of(N3), n1.engine.votedFor());
        Ready ready = n1.ready();
        assertEquals(Optional.empty(), ready.state());
        RequestVoteResponse answer = only(ready.messagesAfterPersist(), RequestVoteResponse.class);
        assertEquals(new RequestVoteResponse(EngineFixture.GROUP, N1, N2, 4, true, true), answer,
                "a granted pre-vote answers in the term it was asked for");
    }

    @Test // §9.6 with §5.4.1: a pre-vote is granted only to an up-to-date log
    void followerRefusesAPreVoteToALessUpToDateLog() {
        EngineFixture n1 = node().log(1, 2).follower(2);

        n1.step(preVoteRequest(N2, 3, 5, 1));

        RequestVoteResponse answer = only(n1.ready().messagesAfterPersist(), RequestVoteResponse.class);
        assertFalse(answer.granted());
        assertEquals(2, answer.term());
        assertEquals(2, n1.engine.term(), "a pre-vote request never raises the receiver's term");
    }

    @Test // §9.6
    void preCandidateThatWinsPreVotesBecomesCandidateAndAsksForVotesAfterPersisting() {
        EngineFixture n1 = preCandidate();
        n1.ready();

        n1.step(preVote(N3, 2, true));

        assertEquals(Role.CANDIDATE, n1.engine.role());
        assertEquals(2, n1.engine.term());
        Ready ready = n1.ready();
        assertEquals(Optional.of(new PersistentState(2, Optional.of(N1))), ready.state());
        assertEquals(List.of(new RequestVote(EngineFixture.GROUP, N1, N2, 2, 2, 1, false, false),
                new RequestVote(EngineFixture.GROUP, N1, N3, 2, 2, 1, false, false)),
                ofType(ready.messagesAfterPersist(), RequestVote.class));
        assertTrue(ofType(ready.messages(), RequestVote.class).isEmpty());
    }

    @Test // §9.6, §5.2: refusals come back in the voters' own (unchanged) term
    void preCandidateThatAMajorityRefusesReturnsToFollower() {
        EngineFixture n1 = preCandidate();

        n1.step(preVote(N2, 1, false));
        n1.step(preVote(N3, 1, false));

        assertEquals(Role.FOLLOWER, n1.engine.role());
        assertEquals(1, n1.engine.term());
        assertEquals(0, n1.engine.anomalies(Anomaly.STALE_RESPONSE), "the refusals answer this very pre-vote");
    }

    @Test // §9.6
    void preCandidateThatHearsFromALeaderOfItsTermBecomesFollower() {
        EngineFixture n1 = preCandidate();

        n1.step(appendFrom(N2, 1).prev(2, 1));

        assertEquals(Role.FOLLOWER, n1.engine.role());
        assertEquals(Optional.of(N2), n1.engine.leader());
        assertEquals(1, n1.engine.term());
    }

    @Test // §9.6: a pre-vote refused by a voter in a higher term teaches that term
    void preCandidateRefusedFromAHigherTermAdoptsIt() {
        EngineFixture n1 = preCandidate();

        n1.step(preVote(N2, 5, false));

        assertEquals(Role.FOLLOWER, n1.engine.role());
        assertEquals(5, n1.engine.term());
    }
}
