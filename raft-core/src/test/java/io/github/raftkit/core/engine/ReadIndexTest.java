package io.github.raftkit.core.engine;

import static io.github.raftkit.core.engine.EngineFixture.ELECTION_MIN;
import static io.github.raftkit.core.engine.EngineFixture.N2;
import static io.github.raftkit.core.engine.EngineFixture.N3;
import static io.github.raftkit.core.engine.EngineFixture.N1;
import static io.github.raftkit.core.engine.EngineFixture.ack;
import static io.github.raftkit.core.engine.EngineFixture.appendFrom;
import static io.github.raftkit.core.engine.EngineFixture.node;
import static io.github.raftkit.core.engine.EngineFixture.ofType;
import static io.github.raftkit.core.engine.EngineFixture.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.message.AppendEntries;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Dissertation §6.4 (ReadIndex): a leader serves a read at its commit index once it has committed an entry of its
 * term and has confirmed, by a heartbeat round that a majority answered, that it still led when the read arrived.
 */
@DisplayName("§6.4 ReadIndex")
class ReadIndexTest {

    @Test // §6.4 step 3: "the leader sends a new round of heartbeats and waits for their acknowledgments"
    void readIsConfirmedOnlyOnceAMajorityAnswersAHeartbeatRoundSentAfterIt() {
        EngineFixture n1 = node().leaderWithFollowersCaughtUp(2);

        assertTrue(n1.engine.readIndex(7));
        Ready ready = n1.ready();
        assertTrue(ready.reads().isEmpty());
        List<AppendEntries> heartbeats = ofType(ready.messages(), AppendEntries.class);
        assertEquals(2, heartbeats.size(), "the read starts a heartbeat round");
        long round = heartbeats.get(0).round();

        n1.step(ack(N2, 2, 1, round - 1));
        assertTrue(n1.ready().reads().isEmpty(), "an answer to an older round proves nothing about now");

        n1.step(ack(N2, 2, 1, round));
        assertEquals(List.of(new ReadState(7, 1)), n1.ready().reads());
    }

    @Test // §6.4: reads arriving together share one heartbeat round
    void readsBeforeTheNextReadyShareOneRound() {
        EngineFixture n1 = node().leaderWithFollowersCaughtUp(2);
        n1.engine.readIndex(1);
        n1.engine.readIndex(2);

        List<AppendEntries> heartbeats = ofType(n1.ready().messages(), AppendEntries.class);
        assertEquals(2, heartbeats.size());
        n1.step(ack(N3, 2, 1, heartbeats.get(0).round()));

        assertEquals(List.of(new ReadState(1, 1), new ReadState(2, 1)), n1.ready().reads());
    }

    @Test // §6.4 step 1: "If the leader has not yet marked an entry from its current term committed, it waits"
    void readWaitsUntilTheLeaderHasCommittedAnEntryOfItsTerm() {
        EngineFixture n1 = node().log(1, 1).leader(2);
        n1.engine.readIndex(7);
        AppendEntries heartbeat = only(n1.ready().messages(), AppendEntries.class, N2);

        n1.step(ack(N2, 2, 2, heartbeat.round()));
        assertEquals(0, n1.engine.commitIndex());
        assertTrue(n1.ready().reads().isEmpty(), "leadership is confirmed, but the no-op is not committed");

        n1.step(ack(N2, 2, 3, heartbeat.round()));
        assertEquals(List.of(new ReadState(7, 3)), n1.ready().reads());
    }

    @Test // §6.4: a leader that stops leading cannot confirm its reads; the caller must retry elsewhere
    void readsPendingWhenLeadershipIsLostAreAborted() {
        EngineFixture n1 = node().leaderWithFollowersCaughtUp(2);
        n1.engine.readIndex(7);
        n1.engine.readIndex(8);
        n1.ready();

        n1.step(appendFrom(N3, 3));

        Ready ready = n1.ready();
        assertEquals(List.of(7L, 8L), ready.abortedReads());
        assertTrue(ready.reads().isEmpty());
    }

    @Test // §6.4 with §6.2: stepping down for want of a quorum also aborts
    void readsPendingWhenCheckQuorumDeposesTheLeaderAreAborted() {
        EngineFixture n1 = node().checkQuorum().leader(2);
        n1.engine.readIndex(7);

        n1.tick(ELECTION_MIN);

        assertEquals(List.of(7L), n1.ready().abortedReads());
    }

    @Test // §6.4: only a leader can serve ReadIndex
    void followerRefusesAReadIndex() {
        EngineFixture n1 = node().follower(2);

        assertFalse(n1.engine.readIndex(7));
        assertTrue(n1.ready().isEmpty());
    }

    @Test // §6.4: a single member confirms its own leadership
    void singleMemberConfirmsAReadAtOnce() {
        EngineFixture n1 = node().members(N1).follower(0);
        n1.engine.campaign();
        n1.readyAndPersist();

        n1.engine.readIndex(7);

        assertEquals(List.of(new ReadState(7, 1)), n1.ready().reads());
    }
}
