package io.github.raftkit.core.engine;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.Role;
import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.api.message.AppendEntries;
import io.github.raftkit.api.message.AppendEntriesResponse;
import io.github.raftkit.api.message.InstallSnapshot;
import io.github.raftkit.api.message.InstallSnapshotResponse;
import io.github.raftkit.api.message.RaftMessage;
import io.github.raftkit.api.message.RequestVote;
import io.github.raftkit.api.message.RequestVoteResponse;
import io.github.raftkit.api.message.TimeoutNow;
import io.github.raftkit.api.spi.PersistentState;
import io.github.raftkit.api.spi.SnapshotMetadata;
import io.github.raftkit.core.engine.election.ElectionTimer;
import io.github.raftkit.core.engine.election.VoteTally;
import io.github.raftkit.core.engine.log.RaftLog;
import io.github.raftkit.core.engine.read.ReadIndexQueue;
import io.github.raftkit.core.engine.read.ReadLease;
import io.github.raftkit.core.engine.replication.CommitRule;
import io.github.raftkit.core.engine.replication.FollowerProgress;
import io.github.raftkit.core.engine.replication.LeaderReplicator;
import io.github.raftkit.core.engine.snapshot.LogCompaction;
import io.github.raftkit.core.engine.snapshot.SnapshotChunk;
import io.github.raftkit.core.engine.snapshot.SnapshotReceiver;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * One member's Raft consensus as a pure, deterministic state machine, in the style of etcd's raft library.
 *
 * <p>Inputs are {@link #tick()}, {@link #step(RaftMessage)}, {@link #propose(List)}, {@link #readIndex(long)},
 * {@link #leaseRead(long)},
 * {@link #campaign()}, {@link #transferLeadership(NodeId)}, {@link #persisted(long, long)} and the snapshot inputs
 * ({@link #snapshotTaken}, {@link #snapshotInstalled}, {@link #snapshotInstallFailed},
 * {@link #snapshotUnreadable}); their effects collect
 * until {@link #ready()} hands them over as one batch. There are no threads, clocks, I/O or unseeded randomness in
 * here: the same inputs give the same outputs, which is what lets the simulation replay any run from its seed.
 *
 * <p><b>Threading.</b> Not thread-safe: one thread (the group's serial executor) drives it.
 *
 * <p>Role changes and term rules live here; the concerns they coordinate have homes of their own: {@link RaftLog},
 * {@link ElectionTimer} and {@link VoteTally}, {@link LeaderReplicator} with its {@link FollowerProgress} per
 * follower, {@link ReadIndexQueue} and {@link ReadLease}, and {@link SnapshotReceiver} for a follower's incoming
 * snapshot.
 */
public final class RaftEngine {
    /**
     * The highest term a peer may claim. Honest members need 2^62 elections to get here; a lie beyond it would make
     * the next election's term overflow.
     */
    static final long MAX_TERM = Long.MAX_VALUE / 2;

    private final EngineConfig config;
    private final RaftLog log;
    private final ElectionTimer electionTimer;
    private final CommitRule commitRule;
    private final Outbox outbox = new Outbox();
    private final Map<Anomaly, Long> anomalies = new EnumMap<>(Anomaly.class);

    private long term;
    private Optional<NodeId> votedFor;
    private boolean stateDirty;
    private Role role = Role.FOLLOWER;
    private Optional<NodeId> leader = Optional.empty();
    private long commitIndex;
    private long appliedHandedOut;
    private long leaderCommitHeard;

    private VoteTally votes;
    private LeaderReplicator replicator;
    private ReadIndexQueue reads = new ReadIndexQueue();
    private ReadLease lease;
    private final List<ReadState> readyReads = new ArrayList<>();
    private final List<Long> abortedReads = new ArrayList<>();
    private int heartbeatElapsed;
    private boolean heartbeatRequested;
    private int checkQuorumElapsed;
    private NodeId transferee;
    private int transferElapsed;

    private SnapshotMetadata latestSnapshot;
    private final SnapshotReceiver receiver = new SnapshotReceiver();
    private final List<SnapshotChunk> receivedChunks = new ArrayList<>();
    private LogCompaction compaction;
    private SnapshotMetadata restore;

    /** An engine that resumes from what storage recovered, drawing election timeouts from {@code random}. */
    public RaftEngine(EngineConfig config, RecoveredState recovered, Random random) {
        this(config, recovered, random, CommitRule.CURRENT_TERM_ONLY);
    }

    RaftEngine(EngineConfig config, RecoveredState recovered, Random random, CommitRule commitRule) {
        this.config = config;
        this.latestSnapshot = recovered.snapshot().orElse(null);
        long base = latestSnapshot == null ? 0 : latestSnapshot.lastIncludedIndex();
        this.log = new RaftLog(base, latestSnapshot == null ? 0 : latestSnapshot.lastIncludedTerm(), recovered.log());
        this.electionTimer = new ElectionTimer(config.electionTicksMin(), config.electionTicksMax(), random,
                recovered.state().term() > 0);
        this.commitRule = commitRule;
        this.term = recovered.state().term();
        this.votedFor = recovered.state().votedFor();
        // A snapshot holds committed entries only, and the runtime restores the state machine from it at start.
        this.commitIndex = base;
        this.appliedHandedOut = base;
    }

    // ---- inputs ----

    /** Advances logical time by one tick: elections time out, leaders send heartbeats and check their quorum. */
    public void tick() {
        if (role == Role.LEADER) {
            tickLeader();
        } else if (electionTimer.tick()) {
            startElection(false);
        }
    }

    private void tickLeader() {
        lease.tick();
        if (++heartbeatElapsed >= config.heartbeatTicks()) {
            broadcastHeartbeat();
        }
        if (++checkQuorumElapsed >= config.electionTicksMin()) {
            checkQuorumElapsed = 0;
            // §6.2: a leader cut off from a majority steps down, so that clients find the real leader.
            if (!replicator.quorumActive() && config.checkQuorum()) {
                becomeFollower(term, Optional.empty());
                return;
            }
        }
        if (transferee != null && ++transferElapsed >= config.electionTicksMin()) {
            transferee = null;
        }
    }

    /** Starts an election now, as if the election timeout had passed (with PreVote when configured). */
    public void campaign() {
        if (role != Role.LEADER) {
            startElection(false);
        }
    }

    /**
     * Hands leadership to {@code target} (dissertation §3.10): proposals are refused while the target catches up,
     * then it is told to time out at once. Gives up after an election timeout. Returns false if this member is not
     * the leader or the target is not another member.
     */
    public boolean transferLeadership(NodeId target) {
        if (role != Role.LEADER || target.equals(config.self()) || !config.members().contains(target)) {
            return false;
        }
        transferee = target;
        transferElapsed = 0;
        // §6.4.1: TimeoutNow lets the target win votes from followers that still honour our lease (§3.10, §4.2.3),
        // and the transfer may succeed at any moment from here on.
        lease.surrender();
        sendTimeoutNowIfCaughtUp();
        return true;
    }

    /** Appends commands to a leader's log and replicates them; a non-leader refuses with a hint. */
    public ProposalOutcome propose(List<byte[]> commands) {
        if (commands.isEmpty()) {
            throw new IllegalArgumentException("a proposal needs at least one command");
        }
        if (role != Role.LEADER || transferee != null) {
            return new ProposalOutcome.NotLeader(leader.filter(l -> !l.equals(config.self())));
        }
        long first = log.lastIndex() + 1;
        for (byte[] command : commands) {
            log.append(LogEntry.command(log.lastIndex() + 1, term, command));
        }
        replicator.replicateToAll();
        maybeCommit();
        return new ProposalOutcome.Accepted(first, log.lastIndex(), term);
    }

    /**
     * Asks for a linearizable read (ReadIndex, dissertation §6.4). Returns false if this member is not the leader;
     * otherwise the read later appears in {@link Ready#reads()}, or in {@link Ready#abortedReads()} if leadership is
     * lost first.
     */
    public boolean readIndex(long requestId) {
        if (role != Role.LEADER) {
            return false;
        }
        // Reads that arrive before the next Ready share one heartbeat round, sent when the Ready is taken.
        reads.add(requestId, replicator.round() + 1);
        heartbeatRequested = true;
        return true;
    }

    /**
     * Asks for a linearizable read by lease (dissertation §6.4.1). Returns false if this member is not the leader. A
     * leader whose lease holds confirms the read at once, at its commit index, in the next {@link Ready#reads()};
     * otherwise the read takes the {@link #readIndex(long)} path. The lease holds only with CheckQuorum on, after the
     * leader committed an entry of its term, within {@link EngineConfig#leaseTicks()} of the start of a heartbeat
     * round a majority answered, and not once a leadership transfer began. It is linearizable only while clocks
     * drift less than {@link EngineConfig#leaseDriftTicks()} over one election timeout.
     */
    public boolean leaseRead(long requestId) {
        if (role != Role.LEADER) {
            return false;
        }
        // §6.4.1 rests on §4.2.3, which followers apply only with CheckQuorum on; and, as for ReadIndex (§6.4 step
        // 1), a commit index is known to cover every committed entry only once an entry of this term is committed.
        if (config.checkQuorum() && committedInTerm() && lease.holds()) {
            readyReads.add(new ReadState(requestId, commitIndex));
            return true;
        }
        return readIndex(requestId);
    }

    private void broadcastHeartbeat() {
        heartbeatRequested = false;
        heartbeatElapsed = 0;
        lease.roundStarted(replicator.heartbeat());
        // A leader alone is a majority: it answers its own round at once.
        lease.quorumAnswered(replicator.quorumRound());
        releaseReads();
    }

    /** Storage made the log durable through {@code index}, whose entry had {@code term}. */
    public void persisted(long index, long term) {
        if (log.markDurable(index, term) && role == Role.LEADER) {
            maybeCommit();
        }
    }

    /** Handles a message from a peer, by the rules; anything out of place is counted and ignored, never thrown. */
    public void step(RaftMessage message) {
        if (!message.group().equals(config.group())) {
            count(Anomaly.WRONG_GROUP);
        } else if (!message.to().equals(config.self())) {
            count(Anomaly.WRONG_RECIPIENT);
        } else if (!config.members().contains(message.from()) || message.from().equals(config.self())) {
            count(Anomaly.UNKNOWN_SENDER);
        } else if (message.term() < 0 || message.term() > MAX_TERM) {
            count(Anomaly.MALFORMED);
        } else if (acceptTerm(message)) {
            dispatch(message);
        }
    }

    /**
     * The term rules that come before any message is handled (§5.1, Figure 2): a higher term makes this member a
     * follower in it, a lower term is refused with this member's term so that its sender catches up. Pre-votes
     * change nobody's term (§9.6), and a vote request that would depose a leader heard from recently is ignored
     * (§4.2.3). Returns whether to go on handling the message.
     */
    private boolean acceptTerm(RaftMessage message) {
        if (message instanceof RequestVote request && request.term() > term && !request.leadershipTransfer()
                && config.checkQuorum() && (leader.isPresent() && electionTimer.withinLease()
                        || electionTimer.withinLeaseSinceStart())) {
            count(Anomaly.LEADER_LEASE);
            return false;
        }
        if (message.term() > term) {
            boolean preVoteTraffic = (message instanceof RequestVote vote && vote.preVote())
                    || (message instanceof RequestVoteResponse answer && answer.preVote() && answer.granted());
            if (!preVoteTraffic) {
                boolean fromLeader = message instanceof AppendEntries || message instanceof InstallSnapshot
                        || message instanceof TimeoutNow;
                becomeFollower(message.term(), fromLeader ? Optional.of(message.from()) : Optional.empty());
            }
            return true;
        }
        if (message.term() < term) {
            count(Anomaly.STALE_TERM);
            refuseStale(message);
            return false;
        }
        return true;
    }

    /** Answers a request from an older term so that its sender learns the newer term and steps down. */
    private void refuseStale(RaftMessage message) {
        if (message instanceof AppendEntries append) {
            // Round 0, not the request's round: that round belongs to an older term, and echoing it in our newer
            // term could let its sender, leading again in this term, count it as an answer to a current round.
            outbox.sendAfterPersist(new AppendEntriesResponse(config.group(), config.self(), append.from(), term,
                    false, 0, append.prevLogIndex(), 0, 0, 0));
        } else if (message instanceof RequestVote request) {
            outbox.sendAfterPersist(new RequestVoteResponse(config.group(), config.self(), request.from(), term,
                    request.preVote(), false));
        } else if (message instanceof InstallSnapshot chunk && chunk.snapshot() != null) {
            outbox.sendAfterPersist(new InstallSnapshotResponse(config.group(), config.self(), chunk.from(), term,
                    chunk.snapshot().lastIncludedIndex(), 0, false));
        }
    }

    private void dispatch(RaftMessage message) {
        if (message instanceof AppendEntries append) {
            onAppendEntries(append);
        } else if (message instanceof AppendEntriesResponse response) {
            onAppendResponse(response);
        } else if (message instanceof RequestVote request) {
            onRequestVote(request);
        } else if (message instanceof RequestVoteResponse response) {
            onVoteResponse(response);
        } else if (message instanceof TimeoutNow timeoutNow) {
            onTimeoutNow(timeoutNow);
        } else if (message instanceof InstallSnapshot chunk) {
            onInstallSnapshot(chunk);
        } else if (message instanceof InstallSnapshotResponse response) {
            onSnapshotResponse(response);
        }
    }

    // ---- election (§5.2, §5.4.1, §9.6) ----

    private void startElection(boolean leadershipTransfer) {
        if (config.preVote() && !leadershipTransfer) {
            role = Role.PRE_CANDIDATE;
            leader = Optional.empty();
            electionTimer.reset();
            startVote(term + 1, true, false);
        } else {
            becomeCandidate(leadershipTransfer);
        }
    }

    private void becomeCandidate(boolean leadershipTransfer) {
        abortLeadership();
        term++;
        votedFor = Optional.of(config.self());
        stateDirty = true;
        role = Role.CANDIDATE;
        leader = Optional.empty();
        electionTimer.reset();
        startVote(term, false, leadershipTransfer);
    }

    private void startVote(long electionTerm, boolean preVote, boolean leadershipTransfer) {
        votes = new VoteTally(config.members().size(), config.quorum());
        if (votes.record(config.self(), true) == VoteTally.Result.WON) {
            wonVote(preVote);
            return;
        }
        for (NodeId member : config.members()) {
            if (!member.equals(config.self())) {
                RequestVote request = new RequestVote(config.group(), config.self(), member, electionTerm,
                        log.lastIndex(), log.lastTerm(), preVote, leadershipTransfer);
                // A real vote request promises our own vote in the new term, so it waits for that to be durable.
                if (preVote) {
                    outbox.sendNow(request);
                } else {
                    outbox.sendAfterPersist(request);
                }
            }
        }
    }

    private void wonVote(boolean preVote) {
        if (preVote) {
            becomeCandidate(false);
        } else {
            becomeLeader();
        }
    }

    private void onRequestVote(RequestVote request) {
        boolean canVote = request.preVote()
                ? request.term() > term
                : votedFor.map(request.from()::equals).orElse(leader.isEmpty());
        boolean grant = canVote && log.isUpToDate(request.lastLogIndex(), request.lastLogTerm());
        if (grant && !request.preVote()) {
            votedFor = Optional.of(request.from());
            stateDirty = true;
            electionTimer.reset();
        }
        outbox.sendAfterPersist(new RequestVoteResponse(config.group(), config.self(), request.from(),
                grant && request.preVote() ? request.term() : term, request.preVote(), grant));
    }

    private void onVoteResponse(RequestVoteResponse response) {
        // A granted pre-vote carries the term it was asked for; a refused one carries the voter's term, ours.
        boolean expected = response.preVote()
                ? role == Role.PRE_CANDIDATE && response.term() == (response.granted() ? term + 1 : term)
                : role == Role.CANDIDATE && response.term() == term;
        if (!expected) {
            count(Anomaly.STALE_RESPONSE);
            return;
        }
        switch (votes.record(response.from(), response.granted())) {
            case WON -> wonVote(response.preVote());
            case LOST -> becomeFollower(term, Optional.empty());
            case PENDING -> { }
        }
    }

    private void onTimeoutNow(TimeoutNow timeoutNow) {
        if (leader.filter(timeoutNow.from()::equals).isPresent() && role == Role.FOLLOWER) {
            startElection(true);
        } else {
            count(Anomaly.STALE_RESPONSE);
        }
    }

    // ---- roles ----

    private void becomeFollower(long newTerm, Optional<NodeId> newLeader) {
        abortLeadership();
        if (newTerm > term) {
            term = newTerm;
            votedFor = Optional.empty();
            stateDirty = true;
        }
        role = Role.FOLLOWER;
        leader = newLeader;
        electionTimer.reset();
    }

    private void becomeLeader() {
        role = Role.LEADER;
        leader = Optional.of(config.self());
        heartbeatElapsed = 0;
        checkQuorumElapsed = 0;
        replicator = new LeaderReplicator(config, term, log, outbox, commitIndex, latestSnapshot);
        lease = new ReadLease(config.leaseTicks());
        // §5.4.2, §8: a no-op of our own term lets us commit, and so learn, everything committed before us.
        log.append(LogEntry.noOp(log.lastIndex() + 1, term));
        replicator.replicateToAll();
        maybeCommit();
    }

    private void abortLeadership() {
        if (role == Role.LEADER) {
            abortedReads.addAll(reads.abortAll());
            heartbeatRequested = false;
            replicator = null;
            lease = null;
            transferee = null;
        }
    }

    // ---- replication, follower side (§5.3) ----

    private void onAppendEntries(AppendEntries append) {
        if (role == Role.LEADER) {
            // Election Safety (§5.2) allows one leader per term: a second one claiming ours is lying or broken.
            count(Anomaly.MALFORMED);
            return;
        }
        if (role != Role.FOLLOWER) {
            // A leader exists for our term (§5.2: a candidate that hears from one returns to follower).
            becomeFollower(term, Optional.of(append.from()));
        }
        leader = Optional.of(append.from());
        electionTimer.reset();
        if (!wellFormed(append)) {
            count(Anomaly.MALFORMED);
            return;
        }
        leaderCommitHeard = Math.max(leaderCommitHeard, append.leaderCommit());
        List<LogEntry> entries = append.entries();
        long prevIndex = append.prevLogIndex();
        long prevTerm = append.prevLogTerm();
        if (prevIndex < commitIndex) {
            // Entries through our commit index match the leader's (Leader Completeness); check from there.
            int skip = (int) Math.min(entries.size(), commitIndex - prevIndex);
            entries = entries.subList(skip, entries.size());
            prevIndex += skip;
            prevTerm = skip == 0 ? prevTerm : append.entries().get(skip - 1).term();
            if (prevIndex < commitIndex) {
                acknowledge(append, commitIndex);
                return;
            }
        }
        if (!log.matches(prevIndex, prevTerm)) {
            reject(append, prevIndex);
            return;
        }
        log.appendFromLeader(entries);
        long lastNew = prevIndex + entries.size();
        advanceCommit(Math.min(append.leaderCommit(), lastNew));
        acknowledge(append, lastNew);
    }

    private static boolean wellFormed(AppendEntries append) {
        long expectedIndex = append.prevLogIndex() + 1;
        long lastTerm = append.prevLogTerm();
        if (append.prevLogIndex() < 0 || append.prevLogTerm() < 0 || append.leaderCommit() < 0
                || (append.prevLogIndex() == 0) != (append.prevLogTerm() == 0)) {
            return false;
        }
        for (LogEntry entry : append.entries()) {
            if (entry.index() != expectedIndex++ || entry.term() < lastTerm || entry.term() > append.term()) {
                return false;
            }
            lastTerm = entry.term();
        }
        return true;
    }

    private void acknowledge(AppendEntries append, long matchIndex) {
        outbox.sendAfterPersist(new AppendEntriesResponse(config.group(), config.self(), append.from(), term, true,
                matchIndex, 0, 0, 0, append.round()));
    }

    /** Rejects with the hints of §5.3 that let the leader skip a whole conflicting term per round trip. */
    private void reject(AppendEntries append, long prevIndex) {
        long conflictTerm = log.term(prevIndex);
        long conflictIndex = conflictTerm == 0
                ? log.lastIndex() + 1
                : log.firstIndexOfTermAt(prevIndex, commitIndex);
        outbox.sendAfterPersist(new AppendEntriesResponse(config.group(), config.self(), append.from(), term, false,
                0, prevIndex, conflictTerm, conflictIndex, append.round()));
    }

    // ---- replication, leader side ----

    private void onAppendResponse(AppendEntriesResponse response) {
        if (role != Role.LEADER) {
            count(Anomaly.STALE_RESPONSE);
            return;
        }
        if (response.success() && response.matchIndex() > log.lastIndex()) {
            count(Anomaly.MALFORMED);
            return;
        }
        if (replicator.onResponse(response)) {
            maybeCommit();
        }
        if (response.from().equals(transferee)) {
            sendTimeoutNowIfCaughtUp();
        }
        lease.quorumAnswered(replicator.quorumRound());
        releaseReads();
    }

    private void maybeCommit() {
        advanceCommit(commitRule.commitIndex(replicator.quorumMatch(), commitIndex, log, term));
        releaseReads();
    }

    private void advanceCommit(long index) {
        if (index > commitIndex) {
            commitIndex = index;
            if (replicator != null) {
                replicator.commitIndex(index);
            }
        }
    }

    private void releaseReads() {
        if (role == Role.LEADER) {
            readyReads.addAll(reads.release(replicator.quorumRound(), committedInTerm(), commitIndex));
        }
    }

    private boolean committedInTerm() {
        return log.term(commitIndex) == term;
    }

    private void sendTimeoutNowIfCaughtUp() {
        FollowerProgress target = replicator.progress(transferee);
        if (target.match() == log.lastIndex()) {
            outbox.sendNow(new TimeoutNow(config.group(), config.self(), transferee, term));
        } else {
            replicator.sendEntries(target);
        }
    }

    private void count(Anomaly anomaly) {
        anomalies.merge(anomaly, 1L, Long::sum);
    }

    // ---- snapshots and log compaction (§7) ----

    /**
     * The runtime wrote a snapshot of the state machine through {@code snapshot}'s index, which this engine handed
     * out to apply, and made it durable. The log drops the entries it covers, but for
     * {@link EngineConfig#snapshotTrailingEntries()} before it, and {@link Ready#compaction()} tells storage to do the
     * same. Returns false, and counts {@link Anomaly#STALE_SNAPSHOT}, for a snapshot not newer than the newest, of
     * entries not handed out, or whose term is not the log's at its index.
     */
    public boolean snapshotTaken(SnapshotMetadata snapshot) {
        long index = snapshot.lastIncludedIndex();
        long newest = latestSnapshot == null ? 0 : latestSnapshot.lastIncludedIndex();
        if (index <= newest || index > appliedHandedOut || index < log.baseIndex()
                || log.term(index) != snapshot.lastIncludedTerm()) {
            count(Anomaly.STALE_SNAPSHOT);
            return false;
        }
        latestSnapshot = snapshot;
        if (replicator != null) {
            replicator.snapshot(snapshot);
        }
        long through = index - config.snapshotTrailingEntries();
        if (through > log.baseIndex()) {
            log.compactThrough(through);
            compact(new LogCompaction(through, false));
        }
        return true;
    }

    /**
     * The runtime received every chunk of {@code snapshot}, verified its checksum and committed it to the snapshot
     * store. If it is ahead of this member's commit index, it replaces the log's prefix (or the whole log, if the log
     * does not follow it), becomes the commit index, and {@link Ready#restore()} asks the apply stage to restore the
     * state machine from it; the leader is told the snapshot's index matches. A snapshot this member no longer waits
     * for is counted as {@link Anomaly#STALE_SNAPSHOT} and ignored.
     */
    public void snapshotInstalled(SnapshotMetadata snapshot) {
        if (!receiver.installing(snapshot)) {
            count(Anomaly.STALE_SNAPSHOT);
            return;
        }
        NodeId sender = receiver.leader();
        receiver.clear();
        long index = snapshot.lastIncludedIndex();
        if (role != Role.LEADER && index > commitIndex) {
            boolean kept = log.resetTo(index, snapshot.lastIncludedTerm());
            compact(new LogCompaction(index, !kept));
            commitIndex = index;
            appliedHandedOut = index;
            restore = snapshot;
            if (latestSnapshot == null || latestSnapshot.lastIncludedIndex() < index) {
                latestSnapshot = snapshot;
            }
        }
        outbox.sendAfterPersist(new AppendEntriesResponse(config.group(), config.self(), sender, term, true,
                Math.min(commitIndex, log.lastIndex()), 0, 0, 0, 0));
    }

    /** The snapshot whose last chunk this member took failed its checksum: the leader is asked to start over. */
    public void snapshotInstallFailed(SnapshotMetadata snapshot) {
        if (!receiver.installing(snapshot)) {
            count(Anomaly.STALE_SNAPSHOT);
            return;
        }
        NodeId sender = receiver.leader();
        receiver.clear();
        outbox.sendAfterPersist(new InstallSnapshotResponse(config.group(), config.self(), sender, term,
                snapshot.lastIncludedIndex(), 0, false));
    }

    /**
     * The runtime could not read the snapshot a transfer to {@code follower} is sending, because a newer one replaced
     * it in the store: the transfer starts over with the newest.
     */
    public void snapshotUnreadable(NodeId follower) {
        if (role == Role.LEADER) {
            replicator.restartSnapshot(follower);
        }
    }

    private void compact(LogCompaction next) {
        compaction = compaction == null ? next : new LogCompaction(Math.max(compaction.throughIndex(),
                next.throughIndex()), compaction.discardLog() || next.discardLog());
    }

    private void onInstallSnapshot(InstallSnapshot chunk) {
        if (role == Role.LEADER) {
            // Election Safety (§5.2): a second leader in our term is lying or broken.
            count(Anomaly.MALFORMED);
            return;
        }
        if (role != Role.FOLLOWER) {
            becomeFollower(term, Optional.of(chunk.from()));
        }
        leader = Optional.of(chunk.from());
        electionTimer.reset();
        SnapshotMetadata snapshot = chunk.snapshot();
        if (snapshot == null || chunk.chunk() == null || chunk.offset() < 0 || snapshot.lastIncludedIndex() < 1
                || snapshot.lastIncludedTerm() < 1 || snapshot.lastIncludedTerm() > chunk.term()) {
            count(Anomaly.MALFORMED);
            return;
        }
        if (snapshot.lastIncludedIndex() <= commitIndex) {
            // Nothing to install: the entries are committed here already (or installed a moment ago).
            acknowledgeCommitted(chunk.from());
            return;
        }
        switch (receiver.offer(chunk)) {
            case ACCEPTED -> {
                receivedChunks.add(new SnapshotChunk(snapshot, chunk.offset(), chunk.chunk(), false, 0));
                answerChunk(chunk, true);
            }
            case ACCEPTED_LAST -> receivedChunks.add(new SnapshotChunk(snapshot, chunk.offset(), chunk.chunk(), true,
                    chunk.checksum()));
            case OUT_OF_ORDER -> answerChunk(chunk, false);
            case INSTALLING -> count(Anomaly.STALE_SNAPSHOT);
        }
    }

    /** Answers after the chunk is written, so that a leader never sends faster than this member stores. */
    private void answerChunk(InstallSnapshot chunk, boolean accepted) {
        outbox.sendAfterPersist(new InstallSnapshotResponse(config.group(), config.self(), chunk.from(), term,
                chunk.snapshot().lastIncludedIndex(), receiver.expectedOffset(), accepted));
    }

    private void acknowledgeCommitted(NodeId to) {
        outbox.sendAfterPersist(new AppendEntriesResponse(config.group(), config.self(), to, term, true,
                commitIndex, 0, 0, 0, 0));
    }

    private void onSnapshotResponse(InstallSnapshotResponse response) {
        if (role != Role.LEADER || !replicator.onSnapshotResponse(response)) {
            count(Anomaly.STALE_RESPONSE);
        }
    }

    // ---- output ----

    /** Whether {@link #ready()} has anything to hand over. */
    public boolean hasReady() {
        return stateDirty || heartbeatRequested || !outbox.isEmpty() || log.hasUnpersisted()
                || applicableThrough() > appliedHandedOut || !readyReads.isEmpty() || !abortedReads.isEmpty()
                || !receivedChunks.isEmpty() || compaction != null || restore != null;
    }

    /** Hands over everything produced since the last call; see {@link Ready} for what the caller must do. */
    public Ready ready() {
        if (heartbeatRequested) {
            broadcastHeartbeat();
        }
        Optional<PersistentState> state = stateDirty
                ? Optional.of(new PersistentState(term, votedFor))
                : Optional.empty();
        stateDirty = false;
        List<LogEntry> entries = log.takeUnpersisted();
        long applyThrough = applicableThrough();
        // Apply batches are bounded like append batches, so a long catch-up never builds one huge list;
        // hasReady() stays true until everything committed has been handed out.
        List<LogEntry> committed = applyThrough > appliedHandedOut
                ? log.slice(appliedHandedOut + 1, applyThrough, config.maxEntriesPerAppend(),
                        config.maxBytesPerAppend())
                : List.of();
        if (!committed.isEmpty()) {
            appliedHandedOut = committed.get(committed.size() - 1).index();
        }
        Ready ready = new Ready(state, entries, outbox.takeNow(), outbox.takeAfterPersist(), committed,
                List.copyOf(readyReads), List.copyOf(abortedReads), outbox.takeSnapshotSends(),
                List.copyOf(receivedChunks), Optional.ofNullable(compaction), Optional.ofNullable(restore));
        readyReads.clear();
        abortedReads.clear();
        receivedChunks.clear();
        compaction = null;
        restore = null;
        return ready;
    }

    /** Committed entries are applied only once durable here, so a state machine never runs ahead of its log. */
    private long applicableThrough() {
        return Math.min(commitIndex, log.durableIndex());
    }

    // ---- observation ----

    public NodeId self() {
        return config.self();
    }

    public Role role() {
        return role;
    }

    public long term() {
        return term;
    }

    public Optional<NodeId> votedFor() {
        return votedFor;
    }

    public Optional<NodeId> leader() {
        return leader;
    }

    public long commitIndex() {
        return commitIndex;
    }

    public long lastIndex() {
        return log.lastIndex();
    }

    /** At a leader, each follower's match index; empty otherwise. */
    public Map<NodeId, Long> replication() {
        if (replicator == null) {
            return Map.of();
        }
        Map<NodeId, Long> matched = new HashMap<>();
        replicator.followers().forEach(progress -> matched.put(progress.id(), progress.match()));
        return matched;
    }

    /**
     * The highest commit index a leader advertised to this member since it started (0 if none): what a restarted
     * member must have applied before its stale reads reflect what it acknowledged before.
     */
    public long leaderCommitHeard() {
        return leaderCommitHeard;
    }

    public long durableIndex() {
        return log.durableIndex();
    }

    /** The entry at {@code index}, if the log has one (entries a snapshot replaced are gone). */
    public Optional<LogEntry> entry(long index) {
        return index > log.baseIndex() && index <= log.lastIndex() ? Optional.of(log.entry(index)) : Optional.empty();
    }

    /** The term of the log's last entry (or of its base, when the log is empty after a snapshot). */
    public long lastTerm() {
        return log.lastTerm();
    }

    /** The term of the log's entry at {@code index}, or of its base; 0 where unknown (compacted, or past the end). */
    public long logTerm(long index) {
        return log.term(index);
    }

    /** The last index a snapshot replaced in the log; entries after it are held. */
    public long logBaseIndex() {
        return log.baseIndex();
    }

    /** The newest snapshot this member took, installed or recovered, if any. */
    public Optional<SnapshotMetadata> latestSnapshot() {
        return Optional.ofNullable(latestSnapshot);
    }

    /** A leader's view of each follower; empty on other roles. */
    public List<FollowerProgress> followers() {
        return replicator == null ? List.of() : List.copyOf(replicator.followers());
    }

    /** How many inputs of a kind were ignored or refused by the rules. */
    public long anomalies(Anomaly anomaly) {
        return anomalies.getOrDefault(anomaly, 0L);
    }

    public EngineConfig config() {
        return config;
    }
}
