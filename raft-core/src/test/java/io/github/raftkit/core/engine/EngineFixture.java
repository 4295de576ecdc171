package io.github.raftkit.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.Role;
import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.api.message.AppendEntries;
import io.github.raftkit.api.message.AppendEntriesResponse;
import io.github.raftkit.api.message.RaftMessage;
import io.github.raftkit.api.message.RequestVote;
import io.github.raftkit.api.message.RequestVoteResponse;
import io.github.raftkit.api.message.TimeoutNow;
import io.github.raftkit.api.spi.PersistentState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * One {@link RaftEngine}, driven by hand: member {@link #N1} of a group whose other members are played by the test.
 * Builds a follower, candidate or leader at a given term with a given log, builds the messages its peers would send,
 * and drains {@link Ready} batches, so that a test reads as a story:
 *
 * <pre>{@code
 * EngineFixture n1 = EngineFixture.node().log(1, 1).follower(1);
 * n1.step(appendFrom(N2, 2).prev(2, 1).entries(3, 2));
 * Ready ready = n1.ready();
 * }</pre>
 *
 * <p>Messages are addressed to {@link #N1} in {@link GroupId#DEFAULT} unless a builder says otherwise. Ticks are
 * short: heartbeat {@value #HEARTBEAT_TICKS}, election timeout in [{@value #ELECTION_MIN}, {@value #ELECTION_MAX}).
 */
final class EngineFixture {
    static final NodeId N1 = NodeId.of("n1");
    static final NodeId N2 = NodeId.of("n2");
    static final NodeId N3 = NodeId.of("n3");
    static final NodeId N4 = NodeId.of("n4");
    static final NodeId N5 = NodeId.of("n5");
    static final GroupId GROUP = GroupId.DEFAULT;

    static final int HEARTBEAT_TICKS = 2;
    static final int ELECTION_MIN = 10;
    static final int ELECTION_MAX = 20;

    final RaftEngine engine;

    private EngineFixture(RaftEngine engine) {
        this.engine = engine;
    }

    /** A member {@code n1} of {@code n1, n2, n3}, with no PreVote or CheckQuorum and roomy replication limits. */
    static Builder node() {
        return new Builder();
    }

    /** How the engine under test is configured and what it recovers from storage. */
    static final class Builder {
        private List<NodeId> members = List.of(N1, N2, N3);
        private boolean preVote;
        private boolean checkQuorum;
        private int maxEntries = 64;
        private long maxBytes = 1 << 20;
        private int maxInflight = 4;
        private long trailing;
        private int leaseDrift = EngineConfig.defaultLeaseDriftTicks(ELECTION_MIN);
        private long seed = 42;
        private List<LogEntry> log = List.of();
        private Optional<NodeId> votedFor = Optional.empty();

        Builder members(NodeId... members) {
            this.members = List.of(members);
            return this;
        }

        Builder preVote() {
            this.preVote = true;
            return this;
        }

        Builder checkQuorum() {
            this.checkQuorum = true;
            return this;
        }

        Builder maxEntriesPerAppend(int maxEntries) {
            this.maxEntries = maxEntries;
            return this;
        }

        Builder maxBytesPerAppend(long maxBytes) {
            this.maxBytes = maxBytes;
            return this;
        }

        Builder maxInflightAppends(int maxInflight) {
            this.maxInflight = maxInflight;
            return this;
        }

        Builder snapshotTrailingEntries(long trailing) {
            this.trailing = trailing;
            return this;
        }

        Builder leaseDriftTicks(int leaseDrift) {
            this.leaseDrift = leaseDrift;
            return this;
        }

        Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The recovered log: one entry per term given, from index 1. */
        Builder log(long... terms) {
            this.log = entries(1, terms);
            return this;
        }

        Builder votedFor(NodeId candidate) {
            this.votedFor = Optional.of(candidate);
            return this;
        }

        EngineConfig config() {
            return new EngineConfig(N1, GROUP, members, HEARTBEAT_TICKS, ELECTION_MIN, ELECTION_MAX, preVote,
                    checkQuorum, maxEntries, maxBytes, maxInflight, trailing, leaseDrift);
        }

        /** A member that recovered {@code term} and starts as a follower with no known leader. */
        EngineFixture follower(long term) {
            RaftEngine engine = new RaftEngine(config(), new RecoveredState(new PersistentState(term, votedFor), log),
                    new Random(seed));
            return new EngineFixture(engine);
        }

        /** A member that recovered {@code term - 1} and campaigned (winning any pre-vote) into {@code term}. */
        EngineFixture candidate(long term) {
            EngineFixture node = follower(term - 1);
            node.engine.campaign();
            if (node.engine.role() == Role.PRE_CANDIDATE) {
                node.step(EngineFixture.preVote(N2, term, true));
            }
            node.readyAndPersist();
            assertEquals(Role.CANDIDATE, node.engine.role(), "fixture: candidate");
            assertEquals(term, node.engine.term(), "fixture: candidate's term");
            return node;
        }

        /**
         * A member elected in {@code term} by the votes of the first followers: its no-op is appended and durable,
         * and every follower has one probe outstanding (carrying the no-op) that nobody answered yet.
         */
        EngineFixture leader(long term) {
            EngineFixture node = candidate(term);
            for (NodeId voter : node.others()) {
                if (node.engine.role() == Role.CANDIDATE) {
                    node.step(EngineFixture.vote(voter, term, true));
                }
            }
            node.readyAndPersist();
            assertEquals(Role.LEADER, node.engine.role(), "fixture: leader");
            return node;
        }

        /** A leader in {@code term} whose followers all acknowledged its no-op, which is therefore committed. */
        EngineFixture leaderWithFollowersCaughtUp(long term) {
            EngineFixture node = leader(term);
            for (NodeId follower : node.others()) {
                node.step(ack(follower, term, node.engine.lastIndex()));
            }
            node.readyAndPersist();
            assertEquals(node.engine.lastIndex(), node.engine.commitIndex(), "fixture: no-op committed");
            return node;
        }
    }

    // ---- driving the engine ----

    EngineFixture step(RaftMessage message) {
        engine.step(message);
        return this;
    }

    EngineFixture step(AppendBuilder append) {
        return step(append.build());
    }

    EngineFixture tick(int times) {
        for (int i = 0; i < times; i++) {
            engine.tick();
        }
        return this;
    }

    /** Ticks until the role changes, at most {@code limit} times; returns the ticks it took, or -1. */
    int ticksUntilRoleChanges(int limit) {
        Role before = engine.role();
        for (int i = 1; i <= limit; i++) {
            engine.tick();
            if (engine.role() != before) {
                return i;
            }
        }
        return -1;
    }

    /** Takes the next Ready without persisting anything. */
    Ready ready() {
        return engine.ready();
    }

    /** Takes the next Ready and reports its entries durable, as a runtime does once its write is done. */
    Ready readyAndPersist() {
        Ready ready = engine.ready();
        persist(ready);
        return ready;
    }

    /** Reports the entries of {@code ready} durable. */
    void persist(Ready ready) {
        if (!ready.entries().isEmpty()) {
            LogEntry last = ready.entries().get(ready.entries().size() - 1);
            engine.persisted(last.index(), last.term());
        }
    }

    /** The members other than {@link #N1}. */
    List<NodeId> others() {
        return engine.config().members().stream().filter(m -> !m.equals(N1)).toList();
    }

    /** The terms of the engine's log, from index 1. */
    List<Long> logTerms() {
        List<Long> terms = new ArrayList<>();
        for (long i = 1; i <= engine.lastIndex(); i++) {
            terms.add(engine.entry(i).orElseThrow().term());
        }
        return terms;
    }

    // ---- reading a Ready ----

    static <T extends RaftMessage> List<T> ofType(List<RaftMessage> messages, Class<T> type) {
        return messages.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static <T extends RaftMessage> List<T> ofType(List<RaftMessage> messages, Class<T> type, NodeId to) {
        return ofType(messages, type).stream().filter(m -> m.to().equals(to)).toList();
    }

    /** The one message of {@code type} in {@code messages}; fails if there is not exactly one. */
    static <T extends RaftMessage> T only(List<RaftMessage> messages, Class<T> type) {
        List<T> found = ofType(messages, type);
        assertEquals(1, found.size(), () -> "expected one " + type.getSimpleName() + " in " + messages);
        return found.get(0);
    }

    /** The one message of {@code type} to {@code to} in {@code messages}. */
    static <T extends RaftMessage> T only(List<RaftMessage> messages, Class<T> type, NodeId to) {
        List<T> found = ofType(messages, type, to);
        assertEquals(1, found.size(), () -> "expected one " + type.getSimpleName() + " to " + to + " in " + messages);
        return found.get(0);
    }

    static List<Long> indexes(List<LogEntry> entries) {
        return entries.stream().map(LogEntry::index).toList();
    }

    static List<Long> terms(List<LogEntry> entries) {
        return entries.stream().map(LogEntry::term).toList();
    }

    static List<Long> terms(long... terms) {
        return Arrays.stream(terms).boxed().toList();
    }

    // ---- building entries and messages ----

    /** Command entries from {@code firstIndex}, one per term given; each carries its index as payload. */
    static List<LogEntry> entries(long firstIndex, long... terms) {
        List<LogEntry> entries = new ArrayList<>();
        for (int i = 0; i < terms.length; i++) {
            long index = firstIndex + i;
            entries.add(LogEntry.command(index, terms[i], Long.toString(index).getBytes()));
        }
        return entries;
    }

    static byte[] command(int size) {
        return new byte[size];
    }

    static RequestVote voteRequest(NodeId from, long term, long lastIndex, long lastTerm) {
        return new RequestVote(GROUP, from, N1, term, lastIndex, lastTerm, false, false);
    }

    static RequestVote preVoteRequest(NodeId from, long term, long lastIndex, long lastTerm) {
        return new RequestVote(GROUP, from, N1, term, lastIndex, lastTerm, true, false);
    }

    /** The vote request of a candidate the leader asked to take over (TimeoutNow, dissertation §3.10). */
    static RequestVote transferVoteRequest(NodeId from, long term, long lastIndex, long lastTerm) {
        return new RequestVote(GROUP, from, N1, term, lastIndex, lastTerm, false, true);
    }

    static RequestVoteResponse vote(NodeId from, long term, boolean granted) {
        return new RequestVoteResponse(GROUP, from, N1, term, false, granted);
    }

    static RequestVoteResponse preVote(NodeId from, long term, boolean granted) {
        return new RequestVoteResponse(GROUP, from, N1, term, true, granted);
    }

    static TimeoutNow timeoutNow(NodeId from, long term) {
        return new TimeoutNow(GROUP, from, N1, term);
    }

    /** A follower's acknowledgement that its log matches the leader's through {@code matchIndex}, in round 0. */
    static AppendEntriesResponse ack(NodeId from, long term, long matchIndex) {
        return ack(from, term, matchIndex, 0);
    }

    static AppendEntriesResponse ack(NodeId from, long term, long matchIndex, long round) {
        return new AppendEntriesResponse(GROUP, from, N1, term, true, matchIndex, 0, 0, 0, round);
    }

    /** A follower's refusal of an append at {@code rejectedIndex}, with the §5.3 conflict hints. */
    static AppendEntriesResponse rejection(NodeId from, long term, long rejectedIndex, long conflictTerm,
                                           long conflictIndex) {
        return new AppendEntriesResponse(GROUP, from, N1, term, false, 0, rejectedIndex, conflictTerm,
                conflictIndex, 0);
    }

    /** An AppendEntries from {@code from} in {@code term}: a heartbeat at index 0 until told otherwise. */
    static AppendBuilder appendFrom(NodeId from, long term) {
        return new AppendBuilder(from, term);
    }

    /** Builds an {@link AppendEntries} a field at a time. */
    static final class AppendBuilder {
        private final NodeId from;
        private final long term;
        private GroupId group = GROUP;
        private NodeId to = N1;
        private long prevIndex;
        private long prevTerm;
        private List<LogEntry> entries = List.of();
        private long commit;
        private long round;

        private AppendBuilder(NodeId from, long term) {
            this.from = from;
            this.term = term;
        }

        AppendBuilder prev(long index, long term) {
            this.prevIndex = index;
            this.prevTerm = term;
            return this;
        }

        /** Entries right after prev, one per term given. */
        AppendBuilder entries(long... terms) {
            this.entries = EngineFixture.entries(prevIndex + 1, terms);
            return this;
        }

        AppendBuilder entries(List<LogEntry> entries) {
            this.entries = entries;
            return this;
        }

        AppendBuilder commit(long leaderCommit) {
            this.commit = leaderCommit;
            return this;
        }

        AppendBuilder round(long round) {
            this.round = round;
            return this;
        }

        AppendBuilder to(NodeId to) {
            this.to = to;
            return this;
        }

        AppendBuilder group(GroupId group) {
            this.group = group;
            return this;
        }

        AppendEntries build() {
            return new AppendEntries(group, from, to, term, prevIndex, prevTerm, entries, commit, round);
        }
    }
}
