package io.github.raftkit.core.engine;

import static io.github.raftkit.core.engine.EngineFixture.GROUP;
import static io.github.raftkit.core.engine.EngineFixture.N1;
import static io.github.raftkit.core.engine.EngineFixture.N2;
import static io.github.raftkit.core.engine.EngineFixture.N3;
import static io.github.raftkit.core.engine.EngineFixture.ack;
import static io.github.raftkit.core.engine.EngineFixture.appendFrom;
import static io.github.raftkit.core.engine.EngineFixture.entries;
import static io.github.raftkit.core.engine.EngineFixture.node;
import static io.github.raftkit.core.engine.EngineFixture.terms;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.Role;
import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.api.message.InstallSnapshot;
import io.github.raftkit.api.message.RequestVote;
import io.github.raftkit.api.spi.SnapshotMetadata;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Inputs the rules do not allow: counted by kind and otherwise ignored, never thrown, so that a lagging, confused or
 * lying peer cannot stop a member (the engine's contract, {@link Anomaly}).
 */
@DisplayName("bad input is counted and ignored")
class BadInputTest {

    @Test
    void messageForAnotherGroupIsIgnored() {
        EngineFixture n1 = node().follower(1);

        n1.step(appendFrom(N2, 5).group(GroupId.of("other")).entries(5));

        assertUntouched(n1, 1);
        assertEquals(1, n1.engine.anomalies(Anomaly.WRONG_GROUP));
    }

    @Test
    void messageForAnotherMemberIsIgnored() {
        EngineFixture n1 = node().follower(1);

        n1.step(appendFrom(N2, 5).to(N3).entries(5));

        assertUntouched(n1, 1);
        assertEquals(1, n1.engine.anomalies(Anomaly.WRONG_RECIPIENT));
    }

    @Test
    void messageFromANonMemberOrFromItselfIsIgnored() {
        EngineFixture n1 = node().follower(1);

        n1.step(appendFrom(NodeId.of("n9"), 5).entries(5));
        n1.step(new RequestVote(GROUP, N1, N1, 5, 0, 0, false, false));

        assertUntouched(n1, 1);
        assertEquals(2, n1.engine.anomalies(Anomaly.UNKNOWN_SENDER));
    }

    @Test // §5.3: entries must follow prevLogIndex one by one
    void appendWithNonConsecutiveEntriesIsMalformed() {
        EngineFixture n1 = node().log(1).follower(1);
        List<LogEntry> gap = new ArrayList<>(entries(2, 1));
        gap.addAll(entries(4, 1));

        n1.step(appendFrom(N2, 1).prev(1, 1).entries(gap).commit(4));

        assertEquals(terms(1), n1.logTerms());
        assertEquals(0, n1.engine.commitIndex());
        assertEquals(1, n1.engine.anomalies(Anomaly.MALFORMED));
    }

    @Test // §5.3: entries start right after prevLogIndex
    void appendWhoseEntriesDoNotStartAfterThePreviousIndexIsMalformed() {
        EngineFixture n1 = node().log(1).follower(1);

        n1.step(appendFrom(N2, 1).prev(1, 1).entries(entries(3, 1)));

        assertEquals(1, n1.engine.lastIndex());
        assertEquals(1, n1.engine.anomalies(Anomaly.MALFORMED));
    }

    @Test // §5.3: a leader creates entries in its own term only, so none can be newer than the message
    void appendWithEntriesFromATermAboveTheMessagesIsMalformed() {
        EngineFixture n1 = node().log(1).follower(2);

        n1.step(appendFrom(N2, 2).prev(1, 1).entries(2, 3));

        assertEquals(1, n1.engine.lastIndex());
        assertEquals(1, n1.engine.anomalies(Anomaly.MALFORMED));
    }

    @Test // terms in a log never decrease
    void appendWithDecreasingEntryTermsIsMalformed() {
        EngineFixture n1 = node().log(1).follower(3);

        n1.step(appendFrom(N2, 3).prev(1, 1).entries(3, 2));

        assertEquals(1, n1.engine.lastIndex());
        assertEquals(1, n1.engine.anomalies(Anomaly.MALFORMED));
    }

    @Test
    void appendWithNegativeIndexesIsMalformed() {
        EngineFixture n1 = node().log(1).follower(2);

        n1.step(appendFrom(N2, 2).prev(-1, 1));
        n1.step(appendFrom(N2, 2).prev(1, 1).commit(-5));

        assertEquals(2, n1.engine.anomalies(Anomaly.MALFORMED));
        assertEquals(0, n1.engine.commitIndex());
    }

    @Test // §5.3: a follower cannot match an entry the leader never had
    void acknowledgementBeyondTheLeadersLogIsMalformed() {
        EngineFixture n1 = node().leaderWithFollowersCaughtUp(2);

        n1.step(ack(N2, 2, 50));
        n1.step(ack(N3, 2, 50));

        assertEquals(1, n1.engine.commitIndex());
        assertEquals(2, n1.engine.anomalies(Anomaly.MALFORMED));
        n1.engine.followers().forEach(f -> assertEquals(1, f.match()));
    }

    @Test
    void negativeTermIsMalformed() {
        EngineFixture n1 = node().follower(1);

        n1.step(new RequestVote(GROUP, N2, N1, -3, 0, 0, false, false));

        assertUntouched(n1, 1);
        assertEquals(1, n1.engine.anomalies(Anomaly.MALFORMED));
    }

    @Test // §7: a chunk must name a snapshot of a real entry from no later term than the sender's
    void malformedSnapshotChunksAreCountedAndChangeNothing() {
        EngineFixture n1 = node().follower(1);

        n1.step(new InstallSnapshot(GROUP, N2, N1, 1, null, 0, new byte[3], true, 0));
        n1.step(new InstallSnapshot(GROUP, N2, N1, 1, new SnapshotMetadata(10, 2, List.of(N1, N2, N3)), 0,
                new byte[3], true, 0));
        n1.step(new InstallSnapshot(GROUP, N2, N1, 1, new SnapshotMetadata(10, 1, List.of(N1, N2, N3)), -1,
                new byte[3], true, 0));
        n1.step(new InstallSnapshot(GROUP, N2, N1, 1, new SnapshotMetadata(10, 1, List.of(N1, N2, N3)), 0,
                null, true, 0));

        assertEquals(0, n1.engine.lastIndex());
        assertEquals(4, n1.engine.anomalies(Anomaly.MALFORMED));
        assertTrue(n1.ready().snapshotChunks().isEmpty());
    }

    @Test // term arithmetic: the largest term a peer can send must not wrap around
    void largestPossibleTermCannotMakeTheTermOverflow() {
        EngineFixture n1 = node().follower(1);

        n1.step(appendFrom(N2, Long.MAX_VALUE));
        assertDoesNotThrow(() -> n1.engine.ready());
        assertDoesNotThrow(() -> n1.engine.campaign());
        assertDoesNotThrow(() -> n1.engine.ready());

        assertTrue(n1.engine.term() >= 1, "term became " + n1.engine.term());
    }

    private static void assertUntouched(EngineFixture n1, long term) {
        assertEquals(term, n1.engine.term());
        assertEquals(Role.FOLLOWER, n1.engine.role());
        assertEquals(0, n1.engine.lastIndex());
        assertTrue(n1.ready().isEmpty());
    }
}
