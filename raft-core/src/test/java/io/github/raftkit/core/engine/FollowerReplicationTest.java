package io.github.raftkit.core.engine;

import static io.github.raftkit.core.engine.EngineFixture.N1;
import static io.github.raftkit.core.engine.EngineFixture.N2;
import static io.github.raftkit.core.engine.EngineFixture.appendFrom;
import static io.github.raftkit.core.engine.EngineFixture.entries;
import static io.github.raftkit.core.engine.EngineFixture.indexes;
import static io.github.raftkit.core.engine.EngineFixture.node;
import static io.github.raftkit.core.engine.EngineFixture.only;
import static io.github.raftkit.core.engine.EngineFixture.terms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.Role;
import io.github.raftkit.api.message.AppendEntriesResponse;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Raft paper §5.3 and Figure 2, "AppendEntries RPC, receiver implementation". */
@DisplayName("§5.3 log replication, follower side")
class FollowerReplicationTest {

    private static AppendEntriesResponse answer(EngineFixture n1) {
        Ready ready = n1.ready();
        assertTrue(ready.messages().isEmpty(), "an answer promises what was persisted, so it waits for persistence");
        return only(ready.messagesAfterPersist(), AppendEntriesResponse.class);
    }

    @Test // §5.3: "Reply false if log doesn't contain an entry at prevLogIndex whose term matches prevLogTerm"
    void rejectsAnAppendWhosePreviousEntryHasAnotherTermAndPointsAtTheStartOfThatTerm() {
        EngineFixture n1 = node().log(1, 1, 2, 2, 2).follower(3);

        n1.step(appendFrom(N2, 3).prev(4, 3).entries(3));

        AppendEntriesResponse rejection = answer(n1);
        assertEquals(new AppendEntriesResponse(EngineFixture.GROUP, N1, N2, 3, false, 0, 4, 2, 3, 0), rejection,
                "rejected index 4, whose term 2 starts at index 3");
        assertEquals(terms(1, 1, 2, 2, 2), n1.logTerms(), "nothing changes on a rejection");
    }

    @Test // §5.3: the hint for a log too short to hold prevLogIndex
    void rejectsAnAppendPastTheEndOfItsLogAndPointsJustPastItsLastEntry() {
        EngineFixture n1 = node().log(1, 1).follower(3);

        n1.step(appendFrom(N2, 3).prev(5, 3).round(7));

        AppendEntriesResponse rejection = answer(n1);
        assertEquals(new AppendEntriesResponse(EngineFixture.GROUP, N1, N2, 3, false, 0, 5, 0, 3, 7), rejection);
    }

    @Test // §5.3: "If an existing entry conflicts with a new one (same index but different terms), delete the
          // existing entry and all that follow it"
    void replacesConflictingEntriesWithTheLeaders() {
        EngineFixture n1 = node().log(1, 1, 2, 2).follower(3);

        n1.step(appendFrom(N2, 3).prev(2, 1).entries(3, 3));

        assertEquals(terms(1, 1, 3, 3), n1.logTerms());
        Ready ready = n1.ready();
        assertEquals(entries(3, 3, 3), ready.entries(), "storage replaces its log from index 3");
        assertEquals(4, only(ready.messagesAfterPersist(), AppendEntriesResponse.class).matchIndex());
    }

    @Test // §5.3: truncation also drops a longer conflicting tail
    void replacingAConflictDropsTheWholeTailAfterIt() {
        EngineFixture n1 = node().log(1, 2, 2, 2, 2).follower(3);

        n1.step(appendFrom(N2, 3).prev(1, 1).entries(3));

        assertEquals(terms(1, 3), n1.logTerms());
        assertEquals(2, n1.engine.lastIndex());
    }

    @Test // §5.3: "Append any new entries not already in the log"; a delayed append must not cut the log
    void staleAppendWithEntriesAlreadyPresentDoesNotTruncateTheLog() {
        EngineFixture n1 = node().log(1, 1, 1, 1).follower(1);

        n1.step(appendFrom(N2, 1).prev(1, 1).entries(1));

        assertEquals(terms(1, 1, 1, 1), n1.logTerms());
        Ready ready = n1.ready();
        assertTrue(ready.entries().isEmpty(), "nothing new to persist");
        assertEquals(2, only(ready.messagesAfterPersist(), AppendEntriesResponse.class).matchIndex(),
                "it vouches only for what this append checked");
    }

    @Test // §5.3: the part of an append that is new is appended after the part already present
    void appendsOnlyTheEntriesItLacks() {
        EngineFixture n1 = node().log(1, 1, 1).follower(1);

        n1.step(appendFrom(N2, 1).prev(1, 1).entries(1, 1, 1, 1));

        assertEquals(terms(1, 1, 1, 1, 1), n1.logTerms());
        assertEquals(List.of(4L, 5L), indexes(n1.ready().entries()));
    }

    @Test // §5.3: "If leaderCommit > commitIndex, set commitIndex = min(leaderCommit, index of last new entry)"
    void commitsUpToTheLeadersCommitButNoFurtherThanTheLastNewEntry() {
        EngineFixture n1 = node().follower(1);

        n1.step(appendFrom(N2, 1).entries(1, 1).commit(5));
        assertEquals(2, n1.engine.commitIndex());

        n1.step(appendFrom(N2, 1).prev(2, 1).entries(1, 1).commit(3));
        assertEquals(3, n1.engine.commitIndex());
    }

    @Test // §5.3: entries past the ones this append vouched for may still be overwritten, so are not committed
    void heartbeatDoesNotCommitEntriesItDidNotCheck() {
        EngineFixture n1 = node().log(1, 1, 1, 1).follower(1);

        n1.step(appendFrom(N2, 1).prev(2, 1).commit(4));

        assertEquals(2, n1.engine.commitIndex());
    }

    @Test // §5.3
    void acknowledgesWithTheIndexOfTheLastEntryTheAppendCarried() {
        EngineFixture n1 = node().log(1).follower(2);

        n1.step(appendFrom(N2, 2).prev(1, 1).entries(2, 2, 2).round(4));

        assertEquals(new AppendEntriesResponse(EngineFixture.GROUP, N1, N2, 2, true, 4, 0, 0, 0, 4), answer(n1));
    }

    @Test // §5.3, Leader Completeness (§5.4): committed entries are never replaced
    void neverReplacesACommittedEntry() {
        EngineFixture n1 = node().follower(2);
        n1.step(appendFrom(N2, 2).entries(1, 1).commit(2));
        n1.ready();

        n1.step(appendFrom(N2, 2).prev(1, 1).entries(2, 2));

        assertEquals(terms(1, 1), n1.logTerms());
        assertEquals(2, n1.engine.commitIndex());
        assertFalse(answer(n1).success());
    }

    @Test // §5.3: an append that starts below the commit index is checked from the commit index on
    void appendReachingBelowTheCommitIndexIsAcknowledgedFromTheCommitIndex() {
        EngineFixture n1 = node().follower(2);
        n1.step(appendFrom(N2, 2).entries(1, 2, 2).commit(3));
        n1.ready();

        n1.step(appendFrom(N2, 2).prev(1, 1).entries(2, 2, 2));

        assertEquals(terms(1, 2, 2, 2), n1.logTerms());
        assertEquals(4, answer(n1).matchIndex());
    }

    @Test // §5.2: hearing from the leader resets the election timer
    void appendFromTheLeaderPostponesTheElection() {
        EngineFixture n1 = node().follower(2);

        for (int i = 0; i < 10; i++) {
            n1.tick(EngineFixture.ELECTION_MIN - 1);
            n1.step(appendFrom(N2, 2));
        }

        assertEquals(Role.FOLLOWER, n1.engine.role());
        assertEquals(2, n1.engine.term());
    }
}
