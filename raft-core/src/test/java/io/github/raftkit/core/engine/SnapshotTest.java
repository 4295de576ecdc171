package io.github.raftkit.core.engine;

import static io.github.raftkit.core.engine.EngineFixture.GROUP;
import static io.github.raftkit.core.engine.EngineFixture.N1;
import static io.github.raftkit.core.engine.EngineFixture.N2;
import static io.github.raftkit.core.engine.EngineFixture.N3;
import static io.github.raftkit.core.engine.EngineFixture.ack;
import static io.github.raftkit.core.engine.EngineFixture.appendFrom;
import static io.github.raftkit.core.engine.EngineFixture.entries;
import static io.github.raftkit.core.engine.EngineFixture.node;
import static io.github.raftkit.core.engine.EngineFixture.ofType;
import static io.github.raftkit.core.engine.EngineFixture.only;
import static io.github.raftkit.core.engine.EngineFixture.rejection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.Role;
import io.github.raftkit.api.message.AppendEntries;
import io.github.raftkit.api.message.AppendEntriesResponse;
import io.github.raftkit.api.message.InstallSnapshot;
import io.github.raftkit.api.message.InstallSnapshotResponse;
import io.github.raftkit.api.spi.PersistentState;
import io.github.raftkit.api.spi.SnapshotMetadata;
import io.github.raftkit.core.engine.replication.FollowerProgress;
import io.github.raftkit.core.engine.snapshot.LogCompaction;
import io.github.raftkit.core.engine.snapshot.SnapshotChunk;
import io.github.raftkit.core.engine.snapshot.SnapshotSend;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Raft paper §7, "Log compaction", and Figure 13, "InstallSnapshot RPC". */
@DisplayName("§7 snapshots, log compaction and InstallSnapshot")
class SnapshotTest {

    private static SnapshotMetadata snapshot(long index, long term) {
        return new SnapshotMetadata(index, term, List.of(N1, N2, N3));
    }

    private static InstallSnapshot chunk(long term, SnapshotMetadata snapshot, long offset, int size, boolean done) {
        return new InstallSnapshot(GROUP, N2, N1, term, snapshot, offset, new byte[size], done, done ? 99 : 0);
    }

    /**
     * A leader in term 2 over five entries of term 1 and its no-op at 6, committed and handed out to apply because
     * n3 acknowledged it; n2 has a probe at 5 outstanding and has not answered.
     */
    private static EngineFixture leaderWithAppliedLog(long trailing) {
        EngineFixture n1 = node().snapshotTrailingEntries(trailing).log(1, 1, 1, 1, 1).leader(2);
        n1.step(ack(N3, 2, 6));
        Ready ready = n1.readyAndPersist();
        assertEquals(6, ready.committed().get(ready.committed().size() - 1).index(), "fixture: applied through 6");
        return n1;
    }

    @Test // §7: "Each server takes snapshots independently, covering just the committed entries in its log"
    void snapshotTakenCompactsTheLogButKeepsTheTrailingEntries() {
        EngineFixture n1 = leaderWithAppliedLog(2);

        assertTrue(n1.engine.snapshotTaken(snapshot(6, 2)));

        Ready ready = n1.ready();
        assertEquals(Optional.of(new LogCompaction(4, false)), ready.compaction(), "two entries kept below 6");
        assertEquals(4, n1.engine.logBaseIndex());
        assertEquals(Optional.empty(), n1.engine.entry(4), "compacted entries are gone");
        assertTrue(n1.engine.entry(5).isPresent(), "trailing entries stay");
        assertEquals(Optional.of(snapshot(6, 2)), n1.engine.latestSnapshot());
    }

    @Test // §7: a snapshot covers only what the state machine applied, so nothing uncommitted is ever compacted
    void snapshotOfEntriesNotHandedOutToApplyIsRefused() {
        EngineFixture n1 = node().log(1, 1, 1).follower(1);

        assertFalse(n1.engine.snapshotTaken(snapshot(2, 1)), "nothing is committed yet");
        assertEquals(1, n1.engine.anomalies(Anomaly.STALE_SNAPSHOT));
        assertEquals(0, n1.engine.logBaseIndex());
        assertTrue(n1.ready().compaction().isEmpty());
    }

    @Test // §7: a snapshot must name the log's own entry, and be newer than the last one
    void snapshotWithTheWrongTermOrNotNewerIsRefused() {
        EngineFixture n1 = leaderWithAppliedLog(0);

        assertFalse(n1.engine.snapshotTaken(snapshot(6, 1)), "entry 6 is of term 2");
        assertTrue(n1.engine.snapshotTaken(snapshot(5, 1)));
        assertFalse(n1.engine.snapshotTaken(snapshot(5, 1)), "not newer than the newest");
        assertEquals(2, n1.engine.anomalies(Anomaly.STALE_SNAPSHOT));
    }

    @Test // §7: "the leader must occasionally send snapshots to followers that lag behind"
    void leaderSendsASnapshotToAFollowerWhoseNextEntryItCompacted() {
        EngineFixture n1 = leaderWithAppliedLog(0);
        n1.engine.snapshotTaken(snapshot(6, 2));
        n1.ready();

        n1.step(rejection(N2, 2, 5, 0, 1)); // n2's log is empty

        Ready ready = n1.ready();
        assertEquals(List.of(new SnapshotSend(N2, 2, snapshot(6, 2), 0)), ready.snapshotSends());
        assertTrue(ofType(ready.messages(), AppendEntries.class, N2).isEmpty(), "no append can reach it");
        assertEquals(FollowerProgress.State.SNAPSHOT, progress(n1, N2).state());
    }

    @Test // one chunk in flight per follower: memory stays bounded on both sides
    void chunksFlowOneAtATimeFromTheOffsetTheFollowerExpects() {
        EngineFixture n1 = leaderSendingSnapshotToN2();

        n1.tick(1);
        assertTrue(n1.ready().snapshotSends().isEmpty(), "no second chunk before the first is answered");

        n1.step(new InstallSnapshotResponse(GROUP, N2, N1, 2, 6, 1000, true));
        assertEquals(List.of(new SnapshotSend(N2, 2, snapshot(6, 2), 1000)), n1.ready().snapshotSends());

        n1.step(new InstallSnapshotResponse(GROUP, N2, N1, 2, 6, 1000, true));
        assertTrue(n1.ready().snapshotSends().isEmpty(), "a duplicate answer sends nothing");
        assertEquals(1, n1.engine.anomalies(Anomaly.STALE_RESPONSE));
    }

    @Test // a lost chunk must not stall the transfer, nor a follower that is down cost a chunk per heartbeat
    void anUnansweredChunkIsSentAgainAfterAboutAnElectionTimeout() {
        EngineFixture n1 = leaderSendingSnapshotToN2();

        n1.tick(EngineFixture.ELECTION_MIN);
        Ready first = n1.ready();
        assertTrue(first.snapshotSends().isEmpty(), "the chunk may still be on its way");
        AppendEntries heartbeat = ofType(first.messages(), AppendEntries.class, N2).get(0);
        assertEquals(0, heartbeat.prevLogIndex(), "a heartbeat at index 0, which n2 can check without the log");

        n1.tick(EngineFixture.HEARTBEAT_TICKS);
        assertEquals(List.of(new SnapshotSend(N2, 2, snapshot(6, 2), 0)), n1.ready().snapshotSends());
    }

    @Test // §7: after the snapshot, "the leader ... sends the follower the entries after it"
    void leaderResumesAppendsOnceTheFollowerAcknowledgesTheSnapshotIndex() {
        EngineFixture n1 = leaderSendingSnapshotToN2();
        n1.engine.propose(List.of(new byte[1]));
        n1.readyAndPersist();

        n1.step(ack(N2, 2, 6));

        AppendEntries append = only(n1.ready().messages(), AppendEntries.class, N2);
        assertEquals(6, append.prevLogIndex());
        assertEquals(2, append.prevLogTerm(), "the base's term still answers");
        assertEquals(entries(7, 2).get(0).index(), append.entries().get(0).index());
        assertEquals(6, progress(n1, N2).match());
        assertEquals(FollowerProgress.State.PROBE, progress(n1, N2).state());
    }

    @Test // an interrupted transfer restarts cleanly, with the newest snapshot
    void followerAskingForOffsetZeroRestartsTheTransferWithTheNewestSnapshot() {
        EngineFixture n1 = leaderSendingSnapshotToN2();
        n1.step(new InstallSnapshotResponse(GROUP, N2, N1, 2, 6, 1000, true));
        n1.ready();
        n1.engine.propose(List.of(new byte[1]));
        n1.readyAndPersist();
        n1.step(ack(N3, 2, 7));
        assertEquals(7, n1.ready().committed().get(0).index(), "fixture: 7 handed out to apply");
        assertTrue(n1.engine.snapshotTaken(snapshot(7, 2)));
        n1.ready();

        n1.step(new InstallSnapshotResponse(GROUP, N2, N1, 2, 6, 0, false));

        assertEquals(List.of(new SnapshotSend(N2, 2, snapshot(7, 2), 0)), n1.ready().snapshotSends());
    }

    @Test // the runtime could not read the newest snapshot itself: retry later, never in a loop with the runtime
    void unreadableNewestSnapshotIsRetriedWithTheLostChunkTimerNotAtOnce() {
        EngineFixture n1 = leaderSendingSnapshotToN2();
        n1.step(new InstallSnapshotResponse(GROUP, N2, N1, 2, 6, 1000, true));
        n1.ready();

        n1.engine.snapshotUnreadable(N2);
        assertEquals(List.of(), n1.ready().snapshotSends(), "no immediate request for the same unreadable snapshot");

        List<SnapshotSend> later = new java.util.ArrayList<>();
        for (int tick = 0; tick < 200 && later.isEmpty(); tick++) {
            n1.engine.tick();
            later.addAll(n1.ready().snapshotSends());
        }
        assertEquals(List.of(new SnapshotSend(N2, 2, snapshot(6, 2), 0)), later);
    }

    @Test // Figure 13, receiver rules 2-5: chunks are written in order, and answered once written
    void followerTakesChunksInOrderAndAnswersOnceTheyAreWritten() {
        EngineFixture n1 = node().log(1, 1).follower(2);

        n1.step(chunk(2, snapshot(10, 2), 0, 4, false));

        Ready ready = n1.ready();
        assertEquals(1, ready.snapshotChunks().size());
        assertEquals(0, ready.snapshotChunks().get(0).offset());
        assertTrue(ready.needsPersist(), "the answer waits for the chunk to be written");
        assertEquals(new InstallSnapshotResponse(GROUP, N1, N2, 2, 10, 4, true),
                only(ready.messagesAfterPersist(), InstallSnapshotResponse.class));
        assertEquals(Optional.of(N2), n1.engine.leader());
    }

    @Test // a duplicate, lost or reordered chunk does not corrupt the snapshot
    void outOfOrderChunkIsRefusedWithTheExpectedOffset() {
        EngineFixture n1 = node().follower(2);
        n1.step(chunk(2, snapshot(10, 2), 0, 4, false));
        n1.ready();

        n1.step(chunk(2, snapshot(10, 2), 8, 4, false));

        Ready ready = n1.ready();
        assertTrue(ready.snapshotChunks().isEmpty());
        assertEquals(new InstallSnapshotResponse(GROUP, N1, N2, 2, 10, 4, false),
                only(ready.messagesAfterPersist(), InstallSnapshotResponse.class));
    }

    @Test // an interrupted transfer restarts cleanly: a restarted follower knows no offset but 0
    void chunkOfATransferThisMemberDoesNotKnowAsksForOffsetZero() {
        EngineFixture n1 = node().follower(2);

        n1.step(chunk(2, snapshot(10, 2), 4096, 4, false));

        assertEquals(new InstallSnapshotResponse(GROUP, N1, N2, 2, 10, 0, false),
                only(n1.ready().messagesAfterPersist(), InstallSnapshotResponse.class));
    }

    @Test // Figure 13 rule 6-8: the snapshot replaces a log that does not follow it, and the state machine
    void installedSnapshotReplacesTheLogAndTheStateMachine() {
        EngineFixture n1 = node().log(1, 1).follower(2);
        n1.step(chunk(2, snapshot(10, 2), 0, 4, false));
        n1.ready();
        n1.step(chunk(2, snapshot(10, 2), 4, 4, true));
        Ready last = n1.ready();
        assertEquals(List.of(new SnapshotChunk(snapshot(10, 2), 4, new byte[4], true, 99)).get(0).checksum(),
                last.snapshotChunks().get(0).checksum());
        assertTrue(last.messagesAfterPersist().isEmpty(), "the last chunk is answered once installed");

        n1.engine.snapshotInstalled(snapshot(10, 2));

        Ready ready = n1.ready();
        assertEquals(Optional.of(new LogCompaction(10, true)), ready.compaction());
        assertEquals(Optional.of(snapshot(10, 2)), ready.restore());
        assertEquals(10, only(ready.messagesAfterPersist(), AppendEntriesResponse.class).matchIndex());
        assertEquals(10, n1.engine.commitIndex());
        assertEquals(10, n1.engine.lastIndex());
        assertEquals(2, n1.engine.lastTerm());
        assertTrue(ready.committed().isEmpty(), "nothing to apply until entries after 10 arrive");
    }

    @Test // Figure 13 rule 6: "If existing log entry has same index and term as snapshot's last included entry,
          // retain log entries following it"
    void installKeepsTheEntriesThatFollowTheSnapshot() {
        EngineFixture n1 = node().log(1, 1, 2, 2, 2).follower(2);
        n1.step(chunk(2, snapshot(3, 2), 0, 4, true));
        n1.ready();

        n1.engine.snapshotInstalled(snapshot(3, 2));

        assertEquals(Optional.of(new LogCompaction(3, false)), n1.ready().compaction());
        assertEquals(5, n1.engine.lastIndex());
        assertEquals(3, n1.engine.logBaseIndex());
        assertEquals(3, n1.engine.commitIndex());
    }

    @Test // the follower can still check appends right after the snapshot (Log Matching at the base)
    void appendsAfterTheSnapshotIndexAreCheckedAgainstItsTerm() {
        EngineFixture n1 = node().follower(2);
        n1.step(chunk(2, snapshot(10, 2), 0, 4, true));
        n1.engine.snapshotInstalled(snapshot(10, 2));
        n1.readyAndPersist();

        n1.step(appendFrom(N2, 2).prev(10, 2).entries(2).commit(11));

        Ready ready = n1.readyAndPersist();
        assertEquals(11, only(ready.messagesAfterPersist(), AppendEntriesResponse.class).matchIndex());
        assertEquals(11, n1.engine.commitIndex());
        assertEquals(11, n1.ready().committed().get(0).index(), "entries after the snapshot are applied");
    }

    @Test // the runtime verifies the checksum before the snapshot replaces anything
    void failedChecksumAsksTheLeaderToStartOver() {
        EngineFixture n1 = node().log(1, 1).follower(2);
        n1.step(chunk(2, snapshot(10, 2), 0, 4, true));
        n1.ready();

        n1.engine.snapshotInstallFailed(snapshot(10, 2));

        Ready ready = n1.ready();
        assertEquals(new InstallSnapshotResponse(GROUP, N1, N2, 2, 10, 0, false),
                only(ready.messagesAfterPersist(), InstallSnapshotResponse.class));
        assertTrue(ready.compaction().isEmpty());
        assertEquals(2, n1.engine.lastIndex(), "the log is untouched");
    }

    @Test // Figure 13 rule 1 and §5.1: a chunk from an older term is refused with ours
    void chunkFromAStaleTermIsRefusedWithTheCurrentTerm() {
        EngineFixture n1 = node().follower(3);

        n1.step(chunk(2, snapshot(10, 2), 0, 4, false));

        Ready ready = n1.ready();
        assertTrue(ready.snapshotChunks().isEmpty());
        assertEquals(new InstallSnapshotResponse(GROUP, N1, N2, 3, 10, 0, false),
                only(ready.messagesAfterPersist(), InstallSnapshotResponse.class));
        assertEquals(1, n1.engine.anomalies(Anomaly.STALE_TERM));
    }

    @Test // a snapshot of entries this member has committed already adds nothing
    void snapshotCoveredByTheCommitIndexIsAcknowledgedNotInstalled() {
        EngineFixture n1 = node().log(1, 1, 1).follower(1);
        n1.step(appendFrom(N2, 1).prev(3, 1).commit(3));
        n1.readyAndPersist();

        n1.step(chunk(1, snapshot(2, 1), 0, 4, false));

        Ready ready = n1.ready();
        assertTrue(ready.snapshotChunks().isEmpty());
        assertEquals(3, only(ready.messagesAfterPersist(), AppendEntriesResponse.class).matchIndex());
    }

    @Test // installing is a follower's business: an installation nobody waits for is ignored
    void unexpectedInstallationIsCountedAndIgnored() {
        EngineFixture n1 = node().log(1, 1).follower(2);

        n1.engine.snapshotInstalled(snapshot(10, 2));

        assertEquals(1, n1.engine.anomalies(Anomaly.STALE_SNAPSHOT));
        assertEquals(2, n1.engine.lastIndex());
        assertTrue(n1.ready().restore().isEmpty());
    }

    @Test // Election Safety: the only leader of a term never takes another's snapshot
    void leaderCountsAChunkInItsOwnTermAsMalformed() {
        EngineFixture n1 = node().leader(2);

        n1.step(chunk(2, snapshot(10, 2), 0, 4, false));

        assertEquals(1, n1.engine.anomalies(Anomaly.MALFORMED));
        assertEquals(Role.LEADER, n1.engine.role());
    }

    @Test // restart: the newest snapshot is the log's base, committed, and already applied by the restore
    void recoveredSnapshotIsTheCommittedBaseOfTheLog() {
        RecoveredState recovered = RecoveredState.of(new PersistentState(3, Optional.empty()),
                Optional.of(snapshot(10, 2)), entries(8, 2, 2, 2, 3));
        RaftEngine engine = new RaftEngine(node().config(), recovered, new Random(1));

        assertEquals(10, engine.commitIndex());
        assertEquals(10, engine.logBaseIndex());
        assertEquals(11, engine.lastIndex(), "the stored tail below the snapshot is skipped");
        assertEquals(3, engine.lastTerm());
        assertTrue(engine.ready().committed().isEmpty(), "the snapshot's entries are not applied again");
    }

    @Test // restart after a crash between installing a snapshot and discarding the log that did not follow it
    void recoveryDropsAStoredLogThatDoesNotFollowTheSnapshot() {
        RecoveredState recovered = RecoveredState.of(PersistentState.INITIAL, Optional.of(snapshot(10, 3)),
                entries(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1));

        assertEquals(List.of(), recovered.log());
    }

    private static FollowerProgress progress(EngineFixture n1, io.github.raftkit.api.NodeId id) {
        return n1.engine.followers().stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow();
    }

    /** A leader that compacted through 6 and just sent n2, whose log is empty, the first chunk of its snapshot. */
    private static EngineFixture leaderSendingSnapshotToN2() {
        EngineFixture n1 = leaderWithAppliedLog(0);
        n1.engine.snapshotTaken(snapshot(6, 2));
        n1.ready();
        n1.step(rejection(N2, 2, 5, 0, 1));
        assertEquals(1, n1.ready().snapshotSends().size(), "fixture: first chunk sent");
        return n1;
    }
}
