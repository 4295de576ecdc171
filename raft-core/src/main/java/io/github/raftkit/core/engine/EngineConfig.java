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
 */
public record EngineConfig(NodeId self, GroupId group, List<NodeId> members, int heartbeatTicks,
                           int electionTicksMin, int electionTicksMax, boolean preVote, boolean checkQuorum,
                           int maxEntriesPerAppend, long maxBytesPerAppend, int maxInflightAppends,
                           long snapshotTrailingEntries) {

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
    }

    /** The engine settings that a validated server configuration implies. */
    public static EngineConfig from(RaftConfig config) {
        return new EngineConfig(config.node(), config.group(), List.copyOf(config.membership().ids()),
                config.ticks(config.heartbeatInterval()), config.ticks(config.electionTimeoutMin()),
                config.ticks(config.electionTimeoutMax()), config.preVote(), config.checkQuorum(),
                config.maxEntriesPerAppend(), config.maxBytesPerAppend(), config.maxInflightAppends(),
                config.snapshots().trailingEntries());
    }

    /** How many members make a majority. */
    public int quorum() {
        return members.size() / 2 + 1;
    }
}
