package io.github.raftkit.core.engine;

import static io.github.raftkit.core.engine.EngineFixture.HEARTBEAT_TICKS;
import static io.github.raftkit.core.engine.EngineFixture.N2;
import static io.github.raftkit.core.engine.EngineFixture.N3;
import static io.github.raftkit.core.engine.EngineFixture.ack;
import static io.github.raftkit.core.engine.EngineFixture.command;
import static io.github.raftkit.core.engine.EngineFixture.indexes;
import static io.github.raftkit.core.engine.EngineFixture.node;
import static io.github.raftkit.core.engine.EngineFixture.ofType;
import static io.github.raftkit.core.engine.EngineFixture.only;
import static io.github.raftkit.core.engine.EngineFixture.rejection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.log.EntryType;
import io.github.raftkit.api.message.AppendEntries;
import io.github.raftkit.core.engine.replication.FollowerProgress;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Raft paper §5.3, the leader's side: it never overwrites its own log, finds where each follower's log agrees with
 * its own, and streams entries from there; etcd-style progress tracking (probe, then replicate within an inflight
 * window) and the conflict-term fast backtracking the paper sketches at the end of §5.3.
 */
@DisplayName("§5.3 log replication, leader side")
class LeaderReplicationTest {

    private static List<byte[]> commands(int count, int size) {
        return Collections.nCopies(count, command(size));
    }

    private static FollowerProgress progress(EngineFixture leader, NodeId follower) {
        return leader.engine.followers().stream().filter(f -> f.id().equals(follower)).findFirst().orElseThrow();
    }

    @Test // §5.3: "The leader appends the command to its log as a new entry, then issues AppendEntries RPCs"
    void proposalIsAppendedInTheLeadersTermAndSentToFollowers() {
        EngineFixture n1 = node().leaderWithFollowersCaughtUp(2);

        ProposalOutcome outcome = n1.engine.propose(commands(2, 3));

        assertEquals(new ProposalOutcome.Accepted(2, 3, 2), outcome);
        Ready ready = n1.ready();
        assertEquals(List.of(2L, 3L), indexes(ready.entries()));
        for (NodeId follower : List.of(N2, N3)) {
            AppendEntries append = only(ready.messages(), AppendEntries.class, follower);
            assertEquals(1, append.prevLogIndex());
            assertEquals(2, append.prevLogTerm());
            assertEquals(ready.entries(), append.entries());
            assertEquals(1, append.leaderCommit());
        }
    }

    @Test // §5.3: a follower refuses; proposals go elsewhere
    void followerRefusesProposalsAndNamesTheLeader() {
        EngineFixture n1 = node().follower(2);
        n1.step(EngineFixture.appendFrom(N2, 2));

        assertEquals(new ProposalOutcome.NotLeader(Optional.of(N2)), n1.engine.propose(commands(1, 1)));
        assertEquals(0, n1.engine.lastIndex());
    }

    @Test // etcd's progress: a probe at a time until the agreement point is found
    void followerInProbeGetsOneAppendAtATimeUntilItAcknowledges() {
        EngineFixture n1 = node().leader(2);
        assertEquals(FollowerProgress.State.PROBE, progress(n1, N2).state());

        n1.engine.propose(commands(1, 1));
        n1.engine.propose(commands(1, 1));
        assertTrue(ofType(n1.ready().messages(), AppendEntries.class).isEmpty(),
                "the no-op probe is still unanswered");

        n1.step(ack(N2, 2, 1));

        assertEquals(FollowerProgress.State.REPLICATE, progress(n1, N2).state());
        AppendEntries next = only(n1.ready().messages(), AppendEntries.class, N2);
        assertEquals(1, next.prevLogIndex());
        assertEquals(List.of(2L, 3L), indexes(next.entries()));
    }

    @Test // etcd's progress: a lost probe is retried with the next heartbeat
    void unansweredProbeIsRetriedOnTheNextHeartbeat() {
        EngineFixture n1 = node().leader(2);

        n1.tick(HEARTBEAT_TICKS);

        AppendEntries retry = only(n1.ready().messages(), AppendEntries.class, N2);
        assertEquals(0, retry.prevLogIndex());
        assertEquals(List.of(1L), indexes(retry.entries()));
    }

    @Test // pipelining: appends stream ahead of acknowledgements, bounded by maxInflightAppends
    void followerInReplicateGetsAppendsPipelinedUpToTheInflightWindow() {
        EngineFixture n1 = node().maxInflightAppends(2).leaderWithFollowersCaughtUp(2);

        n1.engine.propose(commands(1, 1));
        n1.engine.propose(commands(1, 1));
        n1.engine.propose(commands(1, 1));

        List<AppendEntries> appends = ofType(n1.ready().messages(), AppendEntries.class, N2);
        assertEquals(List.of(List.of(2L), List.of(3L)), appends.stream().map(a -> indexes(a.entries())).toList(),
                "two in flight; index 4 waits for room");

        n1.step(ack(N2, 2, 2));

        AppendEntries third = only(n1.ready().messages(), AppendEntries.class, N2);
        assertEquals(List.of(4L), indexes(third.entries()));
    }

    @Test // pipelining: a backlog longer than one append fills the window at once, not one append per event
    void backlogLongerThanOneAppendFillsTheInflightWindow() {
        EngineFixture n1 = node().maxEntriesPerAppend(1).maxInflightAppends(3).leaderWithFollowersCaughtUp(2);

        n1.engine.propose(commands(5, 1));

        List<AppendEntries> appends = ofType(n1.ready().messages(), AppendEntries.class, N2);
        assertEquals(List.of(List.of(2L), List.of(3L), List.of(4L)),
                appends.stream().map(a -> indexes(a.entries())).toList());
    }

    @Test // pipelining: a follower that has just been found behind is caught up a window at a time
    void laggingFollowerIsCaughtUpAWindowOfAppendsAtATime() {
        EngineFixture n1 = node().maxEntriesPerAppend(2).maxInflightAppends(3).log(1, 1, 1, 1, 1, 1, 1, 1).leader(2);
        n1.step(rejection(N2, 2, 8, 0, 1));
        AppendEntries probe = only(n1.ready().messages(), AppendEntries.class, N2);
        assertEquals(List.of(1L, 2L), indexes(probe.entries()));

        n1.step(ack(N2, 2, 2));

        List<AppendEntries> appends = ofType(n1.ready().messages(), AppendEntries.class, N2);
        assertEquals(List.of(List.of(3L, 4L), List.of(5L, 6L), List.of(7L, 8L)),
                appends.stream().map(a -> indexes(a.entries())).toList());
    }

    @Test // §5.3: "the follower can include the term of the conflicting entry and the first index it stores for
          // that term. With this information, the leader can decrement nextIndex to bypass all of the conflicting
          // entries in that term"
    void rejectionWithATermTheLeaderLacksSkipsThatWholeTerm() {
        // Leader [1 1 1 4 4 | 5]; follower [1 1 1 2 2 2 3 3].
        EngineFixture n1 = node().log(1, 1, 1, 4, 4).leader(5);

        n1.step(rejection(N2, 5, 5, 2, 4));

        assertEquals(FollowerProgress.State.PROBE, progress(n1, N2).state());
        AppendEntries next = only(n1.ready().messages(), AppendEntries.class, N2);
        assertEquals(3, next.prevLogIndex(), "all of the follower's term 2 is skipped in one round trip");
        assertEquals(1, next.prevLogTerm());
        assertEquals(List.of(4L, 5L, 6L), indexes(next.entries()));
    }

    @Test // §5.3 fast backtracking, when the leader has entries of the follower's conflicting term
    void rejectionWithATermTheLeaderHasResumesAfterTheLeadersLastEntryOfThatTerm() {
        // Leader [1 1 3 3 3 5 5 | 6]; follower [1 1 3 3 3 3 3 3 3].
        EngineFixture n1 = node().log(1, 1, 3, 3, 3, 5, 5).leader(6);

        n1.step(rejection(N2, 6, 7, 3, 3));

        AppendEntries next = only(n1.ready().messages(), AppendEntries.class, N2);
        assertEquals(5, next.prevLogIndex());
        assertEquals(3, next.prevLogTerm());
        assertEquals(List.of(6L, 7L, 8L), indexes(next.entries()));
    }

    @Test // §5.3: a follower whose log is too short says where it ends
    void rejectionFromAShortLogResumesJustPastTheFollowersLastEntry() {
        EngineFixture n1 = node().log(1, 1, 1, 1, 1).leader(2);

        n1.step(rejection(N2, 2, 5, 0, 3));

        AppendEntries next = only(n1.ready().messages(), AppendEntries.class, N2);
        assertEquals(2, next.prevLogIndex());
    }

    @Test // etcd's progress: any rejection in replicate falls back to probing
    void rejectionInReplicateFallsBackToProbe() {
        EngineFixture n1 = node().leaderWithFollowersCaughtUp(2);
        n1.engine.propose(commands(1, 1));
        n1.engine.propose(commands(1, 1));
        n1.ready();

        n1.step(rejection(N2, 2, 2, 0, 2));

        FollowerProgress n2 = progress(n1, N2);
        assertEquals(FollowerProgress.State.PROBE, n2.state());
        assertEquals(2, n2.next());
        AppendEntries probe = only(n1.ready().messages(), AppendEntries.class, N2);
        assertEquals(List.of(2L, 3L), indexes(probe.entries()));
    }

    @Test // etcd's progress: a rejection of an append the follower has since acknowledged changes nothing
    void staleRejectionIsIgnored() {
        EngineFixture n1 = node().log(1, 1).leader(2);
        n1.step(ack(N2, 2, 3));

        n1.step(rejection(N2, 2, 2, 1, 1));

        assertEquals(FollowerProgress.State.REPLICATE, progress(n1, N2).state());
        assertEquals(3, progress(n1, N2).match());
    }

    @Test // batching: at most maxEntriesPerAppend entries per append; the backlog leaves as several appends
    void appendCarriesAtMostMaxEntriesPerAppend() {
        EngineFixture n1 = node().maxEntriesPerAppend(3).leaderWithFollowersCaughtUp(2);

        n1.engine.propose(commands(5, 1));
        List<AppendEntries> appends = ofType(n1.ready().messages(), AppendEntries.class, N2);

        assertEquals(List.of(List.of(2L, 3L, 4L), List.of(5L, 6L)),
                appends.stream().map(a -> indexes(a.entries())).toList());
    }

    @Test // batching: at most maxBytesPerAppend bytes per append, counting each entry's framing overhead
    void appendCarriesAtMostMaxBytesPerAppend() {
        // Each entry counts 40 + 32 bytes; two fit in 150 bytes, three do not.
        EngineFixture n1 = node().maxBytesPerAppend(150).leaderWithFollowersCaughtUp(2);

        n1.engine.propose(commands(3, 40));

        AppendEntries first = ofType(n1.ready().messages(), AppendEntries.class, N2).get(0);
        assertEquals(List.of(2L, 3L), indexes(first.entries()));
    }

    @Test // batching: an entry larger than the byte limit still travels, alone
    void entryLargerThanTheByteLimitTravelsAlone() {
        EngineFixture n1 = node().maxBytesPerAppend(100).leaderWithFollowersCaughtUp(2);

        n1.engine.propose(commands(2, 500));

        List<AppendEntries> appends = ofType(n1.ready().messages(), AppendEntries.class, N2);
        assertEquals(List.of(List.of(2L), List.of(3L)), appends.stream().map(a -> indexes(a.entries())).toList());
        assertEquals(500, appends.get(0).entries().get(0).data().length);
    }

    @Test // §5.3: heartbeats keep followers' timers from firing and carry the commit index
    void leaderSendsHeartbeatsEveryHeartbeatInterval() {
        EngineFixture n1 = node().leaderWithFollowersCaughtUp(2);

        n1.tick(HEARTBEAT_TICKS - 1);
        assertTrue(ofType(n1.ready().messages(), AppendEntries.class).isEmpty());
        n1.tick(1);

        Ready ready = n1.ready();
        for (NodeId follower : List.of(N2, N3)) {
            AppendEntries heartbeat = only(ready.messages(), AppendEntries.class, follower);
            assertTrue(heartbeat.entries().isEmpty());
            assertEquals(1, heartbeat.prevLogIndex());
            assertEquals(1, heartbeat.leaderCommit());
        }
    }

    @Test // Leader Append-Only (§5.3, Figure 3): a second leader claiming our term is refused, not obeyed
    void leaderNeverTakesEntriesFromAnotherLeaderOfItsTerm() {
        EngineFixture n1 = node().leader(2);

        n1.step(EngineFixture.appendFrom(N2, 2).entries(2));

        assertEquals(1, n1.engine.lastIndex());
        assertEquals(EntryType.NO_OP, n1.engine.entry(1).orElseThrow().type(), "its own no-op stays");
        assertEquals(1, n1.engine.anomalies(Anomaly.MALFORMED));
    }
}
