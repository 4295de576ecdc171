package io.github.raftkit.api;

import io.github.raftkit.api.error.ConfigurationException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one member of one group needs to run, validated when built. Immutable.
 *
 * <p>Times are real durations; the runtime turns them into engine ticks of {@link #tickInterval()}. Provider names
 * pick a transport and stores found with {@link java.util.ServiceLoader}; an empty name means "the only one on the
 * class path".
 *
 * @param node this member
 * @param group the group it belongs to
 * @param membership the voting members, which must include {@code node}
 * @param tickInterval the engine's unit of logical time (default 10 ms)
 * @param heartbeatInterval how often a leader sends heartbeats (default 50 ms); at most a third of
 *     {@code electionTimeoutMin}, so that a few lost heartbeats do not start an election
 * @param electionTimeoutMin the shortest election timeout (default 500 ms); also the leader lease of §4.2.3
 * @param electionTimeoutMax the longest election timeout (default 1000 ms); each timeout is drawn at random between
 *     the two (§5.2), and the spread must be at least one tick
 * @param preVote whether a member asks for pre-votes before raising its term (dissertation §9.6; default on)
 * @param checkQuorum whether a leader that has not heard from a majority for an election timeout steps down (default on)
 * @param leaseDriftMargin how much of the leader's read lease is given up for clock drift (default a tenth of
 *     {@code electionTimeoutMin}). A {@link ReadConsistency#LEASE} read is served without a round trip while a
 *     majority answered a heartbeat sent less than {@code electionTimeoutMin} minus one tick minus this margin ago
 *     (dissertation §6.4.1); it is linearizable only while no member's clock runs slower than another's by more than
 *     this margin over one {@code electionTimeoutMin}, and no member pauses for longer. Needs {@code checkQuorum};
 *     without it lease reads fall back to ReadIndex
 * @param maxEntriesPerAppend the most entries one AppendEntries carries (default 512)
 * @param maxBytesPerAppend the most payload bytes one AppendEntries carries (default 1 MiB); a single larger entry
 *     still travels alone
 * @param maxInflightAppends the most AppendEntries in flight to one follower (default 64)
 * @param maxPendingProposals the most proposals and reads waiting for a decision; more are refused as overloaded
 *     (default 10,000)
 * @param requestTimeout how long a proposal or read waits before it fails with a timeout (default 5 s)
 * @param snapshots when to snapshot and compact the log, and the chunk size of snapshot transfers
 *     ({@link SnapshotPolicy#DEFAULT})
 * @param sessions how client sessions for exactly-once writes expire and how many results are kept for retries
 *     ({@link SessionPolicy#DEFAULT}); must be the same on every member
 * @param transport the transport provider's name, or empty for the only one present
 * @param logStore the log store provider's name, or empty for the only one present
 * @param metadataStore the metadata store provider's name, or empty for the only one present
 * @param snapshotStore the snapshot store provider's name, or empty for the only one present
 * @param dataDir where durable stores keep their files; required by file-based stores
 * @param properties settings for plugins, by plugin-defined keys
 */
public record RaftConfig(NodeId node, GroupId group, Membership membership, Duration tickInterval,
                         Duration heartbeatInterval, Duration electionTimeoutMin, Duration electionTimeoutMax,
                         boolean preVote, boolean checkQuorum, Duration leaseDriftMargin, int maxEntriesPerAppend, long maxBytesPerAppend,
                         int maxInflightAppends, int maxPendingProposals, Duration requestTimeout,
                         SnapshotPolicy snapshots, SessionPolicy sessions, Optional<String> transport, Optional<String> logStore, Optional<String> metadataStore,
                         Optional<String> snapshotStore, Optional<Path> dataDir, Map<String, String> properties) {

    public RaftConfig {
        require(node != null, "node", "is missing");
        require(group != null, "group", "is missing");
        require(membership != null, "membership", "is missing");
        require(membership.contains(node), "membership", "does not include this node " + node + ": " + membership.ids());
        requirePositive(tickInterval, "tickInterval");
        requirePositive(heartbeatInterval, "heartbeatInterval");
        requirePositive(electionTimeoutMin, "electionTimeoutMin");
        requirePositive(electionTimeoutMax, "electionTimeoutMax");
        requirePositive(requestTimeout, "requestTimeout");
        require(tickInterval.compareTo(heartbeatInterval) <= 0, "tickInterval",
                "(" + tickInterval.toMillis() + " ms) must not exceed heartbeatInterval (" + heartbeatInterval.toMillis() + " ms)");
        require(heartbeatInterval.multipliedBy(3).compareTo(electionTimeoutMin) <= 0, "heartbeatInterval",
                "(" + heartbeatInterval.toMillis() + " ms) must be at most a third of electionTimeoutMin ("
                        + electionTimeoutMin.toMillis() + " ms), or a few lost heartbeats start an election");
        require(electionTimeoutMax.minus(electionTimeoutMin).compareTo(tickInterval) >= 0, "electionTimeoutMax",
                "(" + electionTimeoutMax.toMillis() + " ms) must exceed electionTimeoutMin ("
                        + electionTimeoutMin.toMillis() + " ms) by at least one tick, so that timeouts are randomized");
        require(leaseDriftMargin != null && !leaseDriftMargin.isNegative(), "leaseDriftMargin",
                "must not be negative, got " + leaseDriftMargin);
        require(leaseDriftMargin.plus(tickInterval.multipliedBy(2)).compareTo(electionTimeoutMin) <= 0,
                "leaseDriftMargin", "(" + leaseDriftMargin.toMillis() + " ms) must leave at least two ticks of the "
                        + "electionTimeoutMin (" + electionTimeoutMin.toMillis() + " ms) for a read lease");
        require(maxEntriesPerAppend > 0, "maxEntriesPerAppend", "must be positive, got " + maxEntriesPerAppend);
        require(maxBytesPerAppend > 0, "maxBytesPerAppend", "must be positive, got " + maxBytesPerAppend);
        require(maxInflightAppends > 0, "maxInflightAppends", "must be positive, got " + maxInflightAppends);
        require(maxPendingProposals > 0, "maxPendingProposals", "must be positive, got " + maxPendingProposals);
        require(snapshots != null, "snapshots", "is missing");
        require(sessions != null, "sessions", "is missing");
        transport = requireName(transport, "transport");
        logStore = requireName(logStore, "logStore");
        metadataStore = requireName(metadataStore, "metadataStore");
        snapshotStore = requireName(snapshotStore, "snapshotStore");
        require(dataDir != null, "dataDir", "is null; use Optional.empty()");
        require(properties != null, "properties", "is null");
        properties = Map.copyOf(properties);
    }

    /** Starts a configuration with the documented defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The tick count of {@code duration}, rounded up. */
    public int ticks(Duration duration) {
        long ticks = (duration.toNanos() + tickInterval.toNanos() - 1) / tickInterval.toNanos();
        return (int) Math.min(Integer.MAX_VALUE, ticks);
    }

    private static void require(boolean condition, String field, String problem) {
        if (!condition) {
            throw new ConfigurationException("invalid configuration: " + field + " " + problem);
        }
    }

    private static void requirePositive(Duration value, String field) {
        require(value != null, field, "is missing");
        require(!value.isNegative() && !value.isZero(), field, "must be positive, got " + value);
    }

    private static Optional<String> requireName(Optional<String> name, String field) {
        require(name != null, field, "is null; use Optional.empty()");
        name.ifPresent(n -> require(!n.isBlank(), field, "provider name is blank"));
        return name;
    }

    /** Collects settings; {@link #build()} validates them. Not thread-safe. */
    public static final class Builder {
        private NodeId node;
        private GroupId group = GroupId.DEFAULT;
        private Membership membership;
        private Duration tickInterval = Duration.ofMillis(10);
        private Duration heartbeatInterval = Duration.ofMillis(50);
        private Duration electionTimeoutMin = Duration.ofMillis(500);
        private Duration electionTimeoutMax = Duration.ofMillis(1000);
        private boolean preVote = true;
        private boolean checkQuorum = true;
        private Duration leaseDriftMargin;
        private int maxEntriesPerAppend = 512;
        private long maxBytesPerAppend = 1 << 20;
        private int maxInflightAppends = 64;
        private int maxPendingProposals = 10_000;
        private Duration requestTimeout = Duration.ofSeconds(5);
        private SnapshotPolicy snapshots = SnapshotPolicy.DEFAULT;
        private SessionPolicy sessions = SessionPolicy.DEFAULT;
        private Optional<String> transport = Optional.empty();
        private Optional<String> logStore = Optional.empty();
        private Optional<String> metadataStore = Optional.empty();
        private Optional<String> snapshotStore = Optional.empty();
        private Optional<Path> dataDir = Optional.empty();
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder() {
        }

        private Builder(RaftConfig c) {
            node = c.node;
            group = c.group;
            membership = c.membership;
            tickInterval = c.tickInterval;
            heartbeatInterval = c.heartbeatInterval;
            electionTimeoutMin = c.electionTimeoutMin;
            electionTimeoutMax = c.electionTimeoutMax;
            preVote = c.preVote;
            checkQuorum = c.checkQuorum;
            leaseDriftMargin = c.leaseDriftMargin;
            maxEntriesPerAppend = c.maxEntriesPerAppend;
            maxBytesPerAppend = c.maxBytesPerAppend;
            maxInflightAppends = c.maxInflightAppends;
            maxPendingProposals = c.maxPendingProposals;
            requestTimeout = c.requestTimeout;
            snapshots = c.snapshots;
            sessions = c.sessions;
            transport = c.transport;
            logStore = c.logStore;
            metadataStore = c.metadataStore;
            snapshotStore = c.snapshotStore;
            dataDir = c.dataDir;
            properties.putAll(c.properties);
        }

        public Builder node(NodeId node) { this.node = node; return this; }
        public Builder node(String node) { return node(NodeId.of(node)); }
        public Builder group(GroupId group) { this.group = group; return this; }
        public Builder membership(Membership membership) { this.membership = membership; return this; }
        public Builder tickInterval(Duration value) { this.tickInterval = value; return this; }
        public Builder heartbeatInterval(Duration value) { this.heartbeatInterval = value; return this; }
        public Builder electionTimeout(Duration min, Duration max) {
            this.electionTimeoutMin = min;
            this.electionTimeoutMax = max;
            return this;
        }
        public Builder preVote(boolean enabled) { this.preVote = enabled; return this; }
        public Builder checkQuorum(boolean enabled) { this.checkQuorum = enabled; return this; }
        public Builder leaseDriftMargin(Duration value) { this.leaseDriftMargin = value; return this; }
        public Builder maxEntriesPerAppend(int value) { this.maxEntriesPerAppend = value; return this; }
        public Builder maxBytesPerAppend(long value) { this.maxBytesPerAppend = value; return this; }
        public Builder maxInflightAppends(int value) { this.maxInflightAppends = value; return this; }
        public Builder maxPendingProposals(int value) { this.maxPendingProposals = value; return this; }
        public Builder requestTimeout(Duration value) { this.requestTimeout = value; return this; }
        public Builder snapshots(SnapshotPolicy value) { this.snapshots = value; return this; }
        public Builder sessions(SessionPolicy value) { this.sessions = value; return this; }
        public Builder transport(String name) { this.transport = Optional.ofNullable(name); return this; }
        public Builder logStore(String name) { this.logStore = Optional.ofNullable(name); return this; }
        public Builder metadataStore(String name) { this.metadataStore = Optional.ofNullable(name); return this; }
        public Builder snapshotStore(String name) { this.snapshotStore = Optional.ofNullable(name); return this; }
        /** Picks the same provider name for the log, metadata and snapshot stores. */
        public Builder storage(String name) { return logStore(name).metadataStore(name).snapshotStore(name); }
        public Builder dataDir(Path dir) { this.dataDir = Optional.ofNullable(dir); return this; }
        public Builder property(String key, String value) { properties.put(key, value); return this; }

        /** Validates and builds; a {@link ConfigurationException} names the first invalid field. */
        public RaftConfig build() {
            return new RaftConfig(node, group, membership, tickInterval, heartbeatInterval, electionTimeoutMin,
                    electionTimeoutMax, preVote, checkQuorum, leaseDriftMargin != null ? leaseDriftMargin
                    : electionTimeoutMin == null ? null : electionTimeoutMin.dividedBy(10), maxEntriesPerAppend, maxBytesPerAppend,
                    maxInflightAppends, maxPendingProposals, requestTimeout, snapshots, sessions, transport, logStore, metadataStore,
                    snapshotStore, dataDir, properties);
        }
    }
}
