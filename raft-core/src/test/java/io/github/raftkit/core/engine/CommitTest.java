package io.github.raftkit.core.engine;

import static io.github.raftkit.core.engine.EngineFixture.N1;
import static io.github.raftkit.core.engine.EngineFixture.N2;
import static io.github.raftkit.core.engine.EngineFixture.N3;
import static io.github.raftkit.core.engine.EngineFixture.N4;
import static io.github.raftkit.core.engine.EngineFixture.N5;
import static io.github.raftkit.core.engine.EngineFixture.ack;
import static io.github.raftkit.core.engine.EngineFixture.appendFrom;
import static io.github.raftkit.core.engine.EngineFixture.command;
import static io.github.raftkit.core.engine.EngineFixture.indexes;
import static io.github.raftkit.core.engine.EngineFixture.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * When entries commit and when they are handed to the state machine: Raft paper §5.3, §5.4.2 and Figure 8, and the
 * durability rule of Figure 2 ("Persistent state ... updated on stable storage before responding to RPCs").
 */
@DisplayName("§5.3, §5.4.2 commit and apply")
class CommitTest {

    @Test // §5.4.2, Figure 8: "Raft never commits log entries from previous terms by counting replicas."
    void leaderDoesNotCommitAnEntryOfAnEarlierTermByCountingReplicas() {
        EngineFixture n1 = node().log(1, 2).leader(4);

        n1.step(ack(N2, 4, 2));
        n1.step(ack(N3, 4, 2));

        assertEquals(0, n1.engine.commitIndex(), "entry 2 (term 2) is on all three members, yet not committed");
        assertTrue(n1.ready().committed().isEmpty());
    }

    @Test // §5.4.2: "Only log entries from the leader's current term are committed by counting replicas; once an entry
          // from the current term has been committed in this way, then all prior entries are committed indirectly"
    void entryOfAnEarlierTermCommitsOnceAnEntryOfTheLeadersTermReachesAMajority() {
        EngineFixture n1 = node().log(1, 2).leader(4);
        n1.step(ack(N2, 4, 2));

        n1.step(ack(N2, 4, 3));

        assertEquals(3, n1.engine.commitIndex());
        assertEquals(List.of(1L, 2L, 3L), indexes(n1.ready().committed()));
    }

    @Test // Figure 2: the leader is one of the majority only once its own copy is durable (§10.2.1)
    void leaderCountsItsOwnEntryOnlyOnceDurable() {
        EngineFixture n1 = node().leaderWithFollowersCaughtUp(2);
        n1.engine.propose(List.of(command(1)));
        n1.ready();

        n1.step(ack(N2, 2, 2));
        assertEquals(1, n1.engine.commitIndex(), "n2 alone is no majority of three");

        n1.engine.persisted(2, 2);
        assertEquals(2, n1.engine.commitIndex());
    }

    @Test // Figure 2: a report about a replaced or unknown entry proves nothing
    void persistedReportForAnotherTermDoesNotCount() {
        EngineFixture n1 = node().leaderWithFollowersCaughtUp(2);
        n1.engine.propose(List.of(command(1)));
        n1.step(ack(N2, 2, 2));

        n1.engine.persisted(2, 1);

        assertEquals(1, n1.engine.commitIndex());
        assertEquals(1, n1.engine.durableIndex());
    }

    @Test // §5.3: followers alone may form the majority, but the leader applies only what it has made durable
    void entryCommittedByFollowersIsAppliedOnlyOnceDurableAtTheLeader() {
        EngineFixture n1 = node().members(N1, N2, N3, N4, N5).leaderWithFollowersCaughtUp(2);
        n1.engine.propose(List.of(command(1)));
        Ready written = n1.ready();

        n1.step(ack(N2, 2, 2)).step(ack(N3, 2, 2)).step(ack(N4, 2, 2));
        assertEquals(2, n1.engine.commitIndex());
        assertTrue(n1.ready().committed().isEmpty(), "not yet durable here");

        n1.persist(written);
        assertEquals(List.of(2L), indexes(n1.ready().committed()));
    }

    @Test // State Machine Safety (§5.4.3): committed entries are applied in log order, each exactly once
    void committedEntriesAreHandedToApplyInOrderExactlyOnce() {
        EngineFixture n1 = node().follower(1);

        n1.step(appendFrom(N2, 1).entries(1, 1, 1).commit(3));
        assertTrue(n1.readyAndPersist().committed().isEmpty(), "committed, but not yet durable here");
        assertEquals(List.of(1L, 2L, 3L), indexes(n1.ready().committed()));
        assertTrue(n1.ready().committed().isEmpty(), "handed over once");

        n1.step(appendFrom(N2, 1).prev(3, 1).entries(1).commit(4));
        n1.readyAndPersist();
        assertEquals(List.of(4L), indexes(n1.ready().committed()));
    }

    @Test // Figure 2: apply follows durability entry by entry
    void committedEntriesAreAppliedOnlyThroughTheDurableIndex() {
        EngineFixture n1 = node().follower(1);
        n1.step(appendFrom(N2, 1).entries(1, 1, 1).commit(3));
        n1.ready();

        n1.engine.persisted(2, 1);

        assertEquals(List.of(1L, 2L), indexes(n1.ready().committed()));
    }

    @Test // Figure 2: commitIndex only grows
    void followerCommitIndexNeverMovesBack() {
        EngineFixture n1 = node().follower(1);
        n1.step(appendFrom(N2, 1).entries(1, 1, 1).commit(3));

        n1.step(appendFrom(N2, 1).prev(3, 1).commit(1));

        assertEquals(3, n1.engine.commitIndex());
    }

    @Test // §5.3: a single member is its own majority
    void singleMemberCommitsItsEntriesOnceDurable() {
        EngineFixture n1 = node().members(N1).follower(0);
        n1.engine.campaign();
        n1.engine.propose(List.of(command(1), command(1)));
        assertEquals(0, n1.engine.commitIndex());

        n1.readyAndPersist();

        assertEquals(3, n1.engine.commitIndex());
        assertEquals(List.of(1L, 2L, 3L), indexes(n1.ready().committed()));
    }
}
