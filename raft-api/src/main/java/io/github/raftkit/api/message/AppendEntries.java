package io.github.raftkit.api.message;

import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.log.LogEntry;
import java.util.List;

/**
 * The leader replicates entries, or with none just asserts its leadership (a heartbeat) (Raft paper §5.3).
 *
 * @param prevLogIndex index of the entry just before {@code entries}
 * @param prevLogTerm term of that entry, for the consistency check
 * @param entries consecutive entries from {@code prevLogIndex + 1}; empty for a heartbeat
 * @param leaderCommit the leader's commit index
 * @param round the leader's heartbeat round, echoed back so it can tell when a majority has answered a round that
 *     started after a read arrived (ReadIndex, dissertation §6.4)
 */
public record AppendEntries(GroupId group, NodeId from, NodeId to, long term, long prevLogIndex, long prevLogTerm,
                            List<LogEntry> entries, long leaderCommit, long round) implements RaftMessage {
    public AppendEntries {
        entries = List.copyOf(entries);
    }

    /** The index of the last entry carried, or {@code prevLogIndex} for a heartbeat. */
    public long lastIndex() {
        return prevLogIndex + entries.size();
    }
}
