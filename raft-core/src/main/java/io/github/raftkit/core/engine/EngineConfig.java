package io.github.raftkit.core.engine;

import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.RaftConfig;
import java.util.List;

/**
 * The engine's settings, in ticks of logical time. Immutable.
 *
 * @param self this member
 * @param group its group
 * @param members every voting member, including {@code self}, in a stable order
 * @param heartbeatTicks ticks between a leader's heartbeats
 * @param electionTicksMin the shortest election timeout; also the span of the leader lease (§4.2.3) and of
 *     CheckQuorum's rounds
 * @param electionTicksMax the longest election timeout; each timeout is drawn from [min, max)
 * @param preVote whether to ask for pre-votes before raising the term (dissertation §9.6)
 * @param checkQuorum whether a leader steps down when it has not heard from a majority within an election timeout
 * @param maxEntriesPerAppend most entries per AppendEntries
 * @param maxBytesPerAppend most payload bytes per AppendEntries
 * @param maxInflightAppends most AppendEntries in flight to one follower
 * @param snapshotTrailingEntries entries a leader keeps in its log below a snapshot it took, so that a follower only
 *     slightly behind catches up by appends rather than by a whole snapshot
 * @param leaseDriftTicks the margin a leader's read lease leaves for clock drift (dissertation §6.4.1): the most ticks
 *     by which any member's clock may fall behind another's over one minimum election timeout. Lease reads are
 *     linearizable only while the drift stays below it; see {@link #leaseTicks()}
 */
public record EngineConfig(NodeId self, GroupId group, List<NodeId> members, int heartbeatTicks,
                           int electionTicksMin, int electionTicksMax, boolean preVote, boolean checkQuorum,
                           int maxEntriesPerAppend, long maxBytesPerAppend, int maxInflightAppends,
                           long snapshotTrailingEntries, int leaseDriftTicks) {

    public EngineConfig {
        members = List.copyOf(members);
        if (!members.contains(self)) {
            throw new IllegalArgumentException(self + " is not among the members " + members);
        }
        if (heartbeatTicks < 1 || electionTicksMin <= heartbeatTicks || electionTicksMax <= electionTicksMin) {
            throw new IllegalArgumentException("need 1 <= heartbeatTicks < electionTicksMin < electionTicksMax, got "
                    + heartbeatTicks + ", " + electionTicksMin + ", " + electionTicksMax);
        }
        if (snapshotTrailingEntries < 0) {
            throw new IllegalArgumentException("snapshotTrailingEntries must not be negative: "
                    + snapshotTrailingEntries);
        }
        if (leaseDriftTicks < 0 || leaseDriftTicks > electionTicksMin - 2) {
            throw new IllegalArgumentException("leaseDriftTicks must be in [0, electionTicksMin - 2] so that a read "
                    + "lease lasts at least one tick, got " + leaseDriftTicks + " with electionTicksMin "
                    + electionTicksMin);
        }
    }

    /** Settings with the default lease drift margin, {@link #defaultLeaseDriftTicks(int)}. */
    public EngineConfig(NodeId self, GroupId group, List<NodeId> members, int heartbeatTicks, int electionTicksMin,
                        int electionTicksMax, boolean preVote, boolean checkQuorum, int maxEntriesPerAppend,
                        long maxBytesPerAppend, int maxInflightAppends, long snapshotTrailingEntries) {
        this(self, group, members, heartbeatTicks, electionTicksMin, electionTicksMax, preVote, checkQuorum,
                maxEntriesPerAppend, maxBytesPerAppend, maxInflightAppends, snapshotTrailingEntries,
                defaultLeaseDriftTicks(electionTicksMin));
    }

    /**
     * The default drift margin: a tenth of the minimum election timeout, rounded up, that is clocks whose rates differ
     * by less than 10%; never more than the timeout allows.
     */
    public static int defaultLeaseDriftTicks(int electionTicksMin) {
        return Math.max(0, Math.min((electionTicksMin + 9) / 10, electionTicksMin - 2));
    }

    /** The engine settings that a validated server configuration implies. */
    public static EngineConfig from(RaftConfig config) {
        return new EngineConfig(config.node(), config.group(), List.copyOf(config.membership().ids()),
                config.ticks(config.heartbeatInterval()), config.ticks(config.electionTimeoutMin()),
                config.ticks(config.electionTimeoutMax()), config.preVote(), config.checkQuorum(),
                config.maxEntriesPerAppend(), config.maxBytesPerAppend(), config.maxInflightAppends(),
                config.snapshots().trailingEntries(), Math.min(config.ticks(config.leaseDriftMargin()),
                        config.ticks(config.electionTimeoutMin()) - 2));
    }

    /**
     * How long a leader's read lease lasts after the start of a heartbeat round that a majority answered (dissertation
     * §6.4.1): the minimum election timeout, for which those followers refuse votes (§4.2.3), less one tick, because a
     * follower's ticks are not in phase with the leader's and its first may come right after the append arrives, less
     * {@link #leaseDriftTicks()} for clocks that run at different rates.
     */
    public int leaseTicks() {
        return electionTicksMin - 1 - leaseDriftTicks;
    }

    /** How many members make a majority. */
    public int quorum() {
        return members.size() / 2 + 1;
    }
}
