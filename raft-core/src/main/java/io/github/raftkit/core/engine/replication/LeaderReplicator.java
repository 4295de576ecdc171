package io.github.raftkit.core.engine.replication;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.api.message.AppendEntries;
import io.github.raftkit.api.message.AppendEntriesResponse;
import io.github.raftkit.api.message.InstallSnapshotResponse;
import io.github.raftkit.api.spi.SnapshotMetadata;
import io.github.raftkit.core.engine.EngineConfig;
import io.github.raftkit.core.engine.Outbox;
import io.github.raftkit.core.engine.log.RaftLog;
import io.github.raftkit.core.engine.snapshot.SnapshotSend;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A leader's side of log replication (Raft paper §5.3): one {@link FollowerProgress} per follower, appends batched
 * up to the configured entry and byte limits and pipelined within each follower's inflight window, heartbeats that
 * double as probes, snapshots for followers whose next entry was compacted away (§7), and the quorum arithmetic for
 * commit, CheckQuorum and ReadIndex. Lives for one term of leadership.
 */
public final class LeaderReplicator {
    private final EngineConfig config;
    private final long term;
    private final RaftLog log;
    private final Outbox outbox;
    private final Map<NodeId, FollowerProgress> followers = new LinkedHashMap<>();
    private long round;
    private long commitIndex;
    private SnapshotMetadata snapshot;

    /**
     * Starts leading in {@code term}: every follower is probed from just past the leader's last entry. {@code snapshot}
     * is the newest snapshot, null if none; followers who need what it replaced get it.
     */
    public LeaderReplicator(EngineConfig config, long term, RaftLog log, Outbox outbox, long commitIndex,
                            SnapshotMetadata snapshot) {
        this.config = config;
        this.term = term;
        this.log = log;
        this.outbox = outbox;
        this.commitIndex = commitIndex;
        this.snapshot = snapshot;
        for (NodeId member : config.members()) {
            if (!member.equals(config.self())) {
                followers.put(member, new FollowerProgress(member, log.lastIndex() + 1, config.maxInflightAppends()));
            }
        }
    }

    public FollowerProgress progress(NodeId follower) {
        return followers.get(follower);
    }

    public Collection<FollowerProgress> followers() {
        return followers.values();
    }

    /** The current heartbeat round; responses echo it (ReadIndex, dissertation §6.4). */
    public long round() {
        return round;
    }

    /** The commit index to advertise; the engine keeps it current. */
    public void commitIndex(long commitIndex) {
        this.commitIndex = commitIndex;
    }

    /** A newer snapshot was taken; transfers that start (or restart) from now on send it. */
    public void snapshot(SnapshotMetadata newest) {
        this.snapshot = newest;
    }

    /** Sends new entries to every follower that has room for them. */
    public void replicateToAll() {
        for (FollowerProgress follower : followers.values()) {
            sendEntries(follower);
        }
    }

    /**
     * Sends {@code follower} the entries it lacks, if its state and window allow: one probe, or as many batches as
     * the inflight window holds.
     */
    public void sendEntries(FollowerProgress follower) {
        if (follower.state() != FollowerProgress.State.SNAPSHOT && follower.next() <= log.baseIndex()) {
            // §7: the entries this follower needs next are compacted away; only a snapshot can bring it up.
            follower.becomeSnapshot(snapshot);
        }
        if (follower.state() == FollowerProgress.State.SNAPSHOT) {
            if (follower.canSend()) {
                outbox.sendSnapshotChunk(new SnapshotSend(follower.id(), term, follower.snapshot(),
                        follower.snapshotOffset()));
                follower.chunkSent();
            }
            return;
        }
        if (follower.state() == FollowerProgress.State.PROBE) {
            if (follower.canSend()) {
                send(follower, nextBatch(follower));
            }
            return;
        }
        while (follower.canSend() && follower.next() <= log.lastIndex()) {
            send(follower, nextBatch(follower));
        }
    }

    private List<LogEntry> nextBatch(FollowerProgress follower) {
        return log.slice(follower.next(), log.lastIndex(), config.maxEntriesPerAppend(), config.maxBytesPerAppend());
    }

    /**
     * Starts a new round: a paused probe is retried and every streaming follower gets an empty append at its next
     * position, which asserts leadership and exposes an append that was lost (the follower rejects it).
     */
    public long heartbeat() {
        round++;
        for (FollowerProgress follower : followers.values()) {
            if (follower.state() == FollowerProgress.State.SNAPSHOT) {
                // The follower cannot check an append after an index it lacks; an empty append at index 0 still
                // keeps it from timing out, carries the round, and its acknowledgement reports its commit index.
                outbox.sendNow(new AppendEntries(config.group(), config.self(), follower.id(), term, 0, 0, List.of(),
                        commitIndex, round));
                follower.unpause(chunkRetryHeartbeats());
                sendEntries(follower);
            } else if (follower.state() == FollowerProgress.State.PROBE) {
                follower.unpause(chunkRetryHeartbeats());
                sendEntries(follower);
            } else if (follower.next() <= log.baseIndex()) {
                sendEntries(follower);
            } else {
                send(follower, List.of());
            }
        }
        return round;
    }

    /** Whole heartbeat intervals an unanswered chunk waits before it is sent again: about an election timeout. */
    private int chunkRetryHeartbeats() {
        return Math.max(1, config.electionTicksMin() / config.heartbeatTicks());
    }

    private void send(FollowerProgress follower, List<LogEntry> entries) {
        long prev = follower.next() - 1;
        outbox.sendNow(new AppendEntries(config.group(), config.self(), follower.id(), term, prev, log.term(prev),
                entries, commitIndex, round));
        follower.sent(prev + entries.size());
    }

    /**
     * Takes a follower's answer. Returns whether that follower's match index grew, in which case the commit index
     * may move. A rejection moves the follower back to probing from the point its hints give (§5.3).
     */
    public boolean onResponse(AppendEntriesResponse response) {
        FollowerProgress follower = followers.get(response.from());
        // A round this leader never started cannot confirm a read (ReadIndex, §6.4): count the contact, not the round.
        follower.heardFrom(response.round() <= round ? response.round() : 0);
        if (response.success()) {
            boolean grew = follower.acknowledged(response.matchIndex());
            if (follower.state() == FollowerProgress.State.SNAPSHOT && follower.match() >= log.baseIndex()) {
                // Installed, or caught up some other way: the log holds what comes next.
                follower.snapshotDone();
            }
            sendEntries(follower);
            return grew;
        }
        if (follower.rejected(response.rejectedIndex(), nextAfterRejection(response))) {
            sendEntries(follower);
        }
        return false;
    }

    /**
     * Takes a follower's answer to a snapshot chunk: the next chunk goes out from the offset it expects. Offset 0
     * restarts the transfer with the newest snapshot. Returns false for an answer about another snapshot or one that
     * tells nothing new, which the caller counts.
     */
    public boolean onSnapshotResponse(InstallSnapshotResponse response) {
        FollowerProgress follower = followers.get(response.from());
        if (follower.state() != FollowerProgress.State.SNAPSHOT || response.nextOffset() < 0
                || response.lastIncludedIndex() != follower.snapshot().lastIncludedIndex()) {
            return false;
        }
        follower.heardFrom(0);
        if (response.nextOffset() == 0 && !follower.snapshot().equals(snapshot)) {
            follower.becomeSnapshot(snapshot);
        } else if (!follower.chunkAnswered(response.nextOffset())) {
            return false;
        }
        sendEntries(follower);
        return true;
    }

    /**
     * The runtime could not read the snapshot a transfer to {@code follower} is sending (it was replaced by a newer
     * one): start over with the newest.
     */
    public void restartSnapshot(NodeId follower) {
        FollowerProgress progress = followers.get(follower);
        if (progress == null || progress.state() != FollowerProgress.State.SNAPSHOT) {
            return;
        }
        boolean newer = !snapshot.equals(progress.snapshot());
        progress.becomeSnapshot(snapshot);
        if (newer) {
            sendEntries(progress);
        } else {
            // The newest snapshot this leader knows cannot be read either: try again when a lost chunk would be
            // retried, not at once, or the engine and the runtime would ask each other for it without end.
            progress.chunkSent();
        }
    }

    /**
     * Where to probe next: past the leader's last entry of the follower's conflicting term if the leader has that
     * term, else at the first index the follower holds of it (or just past its log's end).
     */
    private long nextAfterRejection(AppendEntriesResponse response) {
        if (response.conflictTerm() > 0) {
            long last = log.lastIndexOfTerm(response.conflictTerm(), response.rejectedIndex());
            if (last > 0) {
                return last + 1;
            }
        }
        return response.conflictIndex();
    }

    /** The highest index a majority stores durably, counting the leader's own durable log. */
    public long quorumMatch() {
        long[] matches = new long[followers.size() + 1];
        int i = 0;
        for (FollowerProgress follower : followers.values()) {
            matches[i++] = follower.match();
        }
        matches[i] = log.durableIndex();
        return quorumValue(matches);
    }

    /** The highest round a majority has answered, counting the leader itself. */
    public long quorumRound() {
        long[] rounds = new long[followers.size() + 1];
        int i = 0;
        for (FollowerProgress follower : followers.values()) {
            rounds[i++] = follower.ackedRound();
        }
        rounds[i] = round;
        return quorumValue(rounds);
    }

    private long quorumValue(long[] values) {
        Arrays.sort(values);
        return values[values.length - config.quorum()];
    }

    /**
     * Ends a CheckQuorum period: whether a majority, counting the leader, answered during it (dissertation §6.2).
     * Starts the next period.
     */
    public boolean quorumActive() {
        int active = 1;
        for (FollowerProgress follower : followers.values()) {
            if (follower.takeRecentlyActive()) {
                active++;
            }
        }
        return active >= config.quorum();
    }
}
