package io.github.raftkit.core.engine;

import static io.github.raftkit.core.engine.EngineFixture.ELECTION_MAX;
import static io.github.raftkit.core.engine.EngineFixture.ELECTION_MIN;
import static io.github.raftkit.core.engine.EngineFixture.N1;
import static io.github.raftkit.core.engine.EngineFixture.N2;
import static io.github.raftkit.core.engine.EngineFixture.N3;
import static io.github.raftkit.core.engine.EngineFixture.N4;
import static io.github.raftkit.core.engine.EngineFixture.N5;
import static io.github.raftkit.core.engine.EngineFixture.appendFrom;
import static io.github.raftkit.core.engine.EngineFixture.node;
import static io.github.raftkit.core.engine.EngineFixture.ofType;
import static io.github.raftkit.core.engine.EngineFixture.only;
import static io.github.raftkit.core.engine.EngineFixture.vote;
import static io.github.raftkit.core.engine.EngineFixture.voteRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.Role;
import io.github.raftkit.api.log.EntryType;
import io.github.raftkit.api.message.AppendEntries;
import io.github.raftkit.api.message.RequestVote;
import io.github.raftkit.api.message.RequestVoteResponse;
import io.github.raftkit.api.spi.PersistentState;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Raft paper §5.2 (leader election) and §5.4.1 (the election restriction). */
@DisplayName("§5.2 leader election, §5.4.1 election restriction")
class LeaderElectionTest {

    @Test // §5.2: "If a follower receives no communication over a period of time called the election timeout..."
    void followerThatHearsNothingForAnElectionTimeoutBecomesCandidate() {
        EngineFixture n1 = node().log(1, 1).follower(1);

        int ticks = n1.ticksUntilRoleChanges(ELECTION_MAX);

        assertTrue(ticks >= ELECTION_MIN && ticks < ELECTION_MAX, "timed out after " + ticks + " ticks");
        assertEquals(Role.CANDIDATE, n1.engine.role());
        assertEquals(2, n1.engine.term());
        assertEquals(Optional.of(N1), n1.engine.votedFor(), "a candidate votes for itself");
        Ready ready = n1.ready();
        assertEquals(Optional.of(new PersistentState(2, Optional.of(N1))), ready.state());
        List<RequestVote> requests = ofType(ready.messagesAfterPersist(), RequestVote.class);
        assertEquals(List.of(new RequestVote(EngineFixture.GROUP, N1, N2, 2, 2, 1, false, false),
                new RequestVote(EngineFixture.GROUP, N1, N3, 2, 2, 1, false, false)), requests);
        assertTrue(ready.messages().isEmpty(), "a vote request promises our own vote, so it waits for persistence");
    }

    @Test // §5.2: "Raft uses randomized election timeouts ... chosen randomly from a fixed interval"
    void electionTimeoutsAreDrawnFromMinInclusiveToMaxExclusive() {
        Set<Integer> seen = new HashSet<>();
        for (long seed = 0; seed < 500; seed++) {
            EngineFixture n1 = node().seed(seed).follower(1);

            int ticks = n1.ticksUntilRoleChanges(ELECTION_MAX + 1);

            assertTrue(ticks >= ELECTION_MIN && ticks < ELECTION_MAX, "seed " + seed + ": " + ticks + " ticks");
            seen.add(ticks);
        }
        assertEquals(ELECTION_MAX - ELECTION_MIN, seen.size(), "every timeout in the range occurs: " + seen);
    }

    @Test // §5.2
    void sameSeedGivesTheSameTimeout() {
        int first = node().seed(7).follower(1).ticksUntilRoleChanges(ELECTION_MAX);
        int second = node().seed(7).follower(1).ticksUntilRoleChanges(ELECTION_MAX);

        assertEquals(first, second);
    }

    @Test // §5.2: "Each server will vote for at most one candidate in a given term, on a first-come-first-served basis"
    void grantsAtMostOneVotePerTerm() {
        EngineFixture n1 = node().follower(1);

        n1.step(voteRequest(N2, 2, 0, 0));
        n1.step(voteRequest(N3, 2, 0, 0));
        n1.step(voteRequest(N2, 2, 0, 0));

        List<RequestVoteResponse> answers = ofType(n1.ready().messagesAfterPersist(), RequestVoteResponse.class);
        assertEquals(List.of(true, false, true), answers.stream().map(RequestVoteResponse::granted).toList(),
                "n2 gets the vote (again, idempotently); n3 does not");
        assertEquals(Optional.of(N2), n1.engine.votedFor());
    }

    @Test // §5.2
    void voteRecoveredFromStorageStillBindsTheTerm() {
        EngineFixture n1 = node().votedFor(N3).follower(2);

        n1.step(voteRequest(N2, 2, 0, 0));

        assertFalse(only(n1.ready().messagesAfterPersist(), RequestVoteResponse.class).granted());
    }

    @Test // §5.2 with Figure 2 "Persistent state ... updated on stable storage before responding to RPCs"
    void voteIsPersistedBeforeItIsAnnounced() {
        EngineFixture n1 = node().follower(1);

        n1.step(voteRequest(N2, 2, 0, 0));

        Ready ready = n1.ready();
        assertEquals(Optional.of(new PersistentState(2, Optional.of(N2))), ready.state());
        assertTrue(ready.needsPersist());
        assertTrue(ready.messages().isEmpty());
        RequestVoteResponse answer = only(ready.messagesAfterPersist(), RequestVoteResponse.class);
        assertTrue(answer.granted());
        assertEquals(2, answer.term());
    }

    @Test // §5.2: "A candidate wins an election if it receives votes from a majority of the servers"
    void candidateWithVotesFromAMajorityBecomesLeader() {
        EngineFixture n1 = node().members(N1, N2, N3, N4, N5).candidate(2);

        n1.step(vote(N2, 2, true));
        assertEquals(Role.CANDIDATE, n1.engine.role(), "two of five is no majority");
        n1.step(vote(N2, 2, true));
        assertEquals(Role.CANDIDATE, n1.engine.role(), "a duplicate vote counts once");
        n1.step(vote(N3, 2, false));
        n1.step(vote(N4, 2, true));

        assertEquals(Role.LEADER, n1.engine.role());
        assertEquals(Optional.of(N1), n1.engine.leader());
        assertEquals(2, n1.engine.term());
    }

    @Test // §5.2, §8: the new leader's first entry is a no-op of its term
    void newLeaderAppendsANoOpOfItsTermAndSendsItToEveryFollower() {
        EngineFixture n1 = node().log(1, 1).candidate(2);

        n1.step(vote(N3, 2, true));

        assertEquals(3, n1.engine.lastIndex());
        assertEquals(EntryType.NO_OP, n1.engine.entry(3).orElseThrow().type());
        assertEquals(2, n1.engine.entry(3).orElseThrow().term());
        Ready ready = n1.ready();
        assertEquals(List.of(n1.engine.entry(3).orElseThrow()), ready.entries());
        for (NodeId follower : List.of(N2, N3)) {
            AppendEntries append = only(ready.messages(), AppendEntries.class, follower);
            assertEquals(2, append.prevLogIndex());
            assertEquals(1, append.prevLogTerm());
            assertEquals(ready.entries(), append.entries());
        }
    }

    @Test // §5.2: "If the leader's term ... is at least as large as the candidate's current term, then the candidate
          // recognizes the leader as legitimate and returns to follower state."
    void candidateThatHearsFromALeaderOfItsTermBecomesFollower() {
        EngineFixture n1 = node().candidate(2);

        n1.step(appendFrom(N2, 2));

        assertEquals(Role.FOLLOWER, n1.engine.role());
        assertEquals(2, n1.engine.term());
        assertEquals(Optional.of(N2), n1.engine.leader());
        assertEquals(Optional.of(N1), n1.engine.votedFor(), "its vote in term 2 stays cast");
    }

    @Test // §5.2: a candidate that cannot win any more stops campaigning
    void candidateThatAMajorityRefusesReturnsToFollower() {
        EngineFixture n1 = node().candidate(2);

        n1.step(vote(N2, 2, false));
        assertEquals(Role.CANDIDATE, n1.engine.role());
        n1.step(vote(N3, 2, false));

        assertEquals(Role.FOLLOWER, n1.engine.role());
        assertEquals(2, n1.engine.term());
    }

    @Test // §5.2: a split vote ends in a new election with a higher term
    void candidateWhoseElectionTimesOutStartsANewElectionInTheNextTerm() {
        EngineFixture n1 = node().candidate(2);

        // A timeout lasts at least ELECTION_MIN ticks, so in ELECTION_MAX - 1 ticks exactly one passes.
        n1.tick(ELECTION_MAX - 1);

        assertEquals(3, n1.engine.term());
        assertEquals(Role.CANDIDATE, n1.engine.role());
    }

    @Test // §5.2
    void singleMemberElectsItselfAtOnce() {
        EngineFixture n1 = node().members(N1).follower(4);

        n1.engine.campaign();

        assertEquals(Role.LEADER, n1.engine.role());
        assertEquals(5, n1.engine.term());
    }

    @Test // §5.4.1: "If the logs have last entries with different terms, then the log with the later term is more
          // up-to-date."
    void refusesVoteToCandidateWhoseLastTermIsLower() {
        EngineFixture n1 = node().log(1, 1, 2).follower(2);

        n1.step(voteRequest(N2, 3, 5, 1));

        RequestVoteResponse answer = only(n1.ready().messagesAfterPersist(), RequestVoteResponse.class);
        assertFalse(answer.granted());
        assertEquals(3, answer.term(), "the higher term is still adopted");
        assertEquals(Optional.empty(), n1.engine.votedFor());
    }

    @Test // §5.4.1: "If the logs end with the same term, then whichever log is longer is more up-to-date."
    void refusesVoteToCandidateWithTheSameLastTermButAShorterLog() {
        EngineFixture n1 = node().log(1, 1, 2).follower(2);

        n1.step(voteRequest(N2, 3, 2, 2));

        assertFalse(only(n1.ready().messagesAfterPersist(), RequestVoteResponse.class).granted());
    }

    @Test // §5.4.1
    void grantsVoteToCandidateWhoseLogIsAtLeastAsUpToDate() {
        EngineFixture sameLog = node().log(1, 1, 2).follower(2);
        sameLog.step(voteRequest(N2, 3, 3, 2));
        assertTrue(only(sameLog.ready().messagesAfterPersist(), RequestVoteResponse.class).granted());

        EngineFixture laterTermShorterLog = node().log(1, 1, 2).follower(2);
        laterTermShorterLog.step(voteRequest(N2, 3, 1, 3));
        assertTrue(only(laterTermShorterLog.ready().messagesAfterPersist(), RequestVoteResponse.class).granted());
    }

    @Test // §5.2: a follower that knows a live leader in its term does not vote for a rival in that term
    void followerWithALeaderInTheTermRefusesAVoteInThatTerm() {
        EngineFixture n1 = node().follower(2);
        n1.step(appendFrom(N2, 2));

        n1.step(voteRequest(N3, 2, 0, 0));

        RequestVoteResponse answer = only(n1.ready().messagesAfterPersist(), RequestVoteResponse.class);
        assertFalse(answer.granted());
    }
}
