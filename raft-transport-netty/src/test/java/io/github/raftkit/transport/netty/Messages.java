package io.github.raftkit.transport.netty;

import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.api.message.AppendEntries;
import io.github.raftkit.api.message.RequestVote;
import java.util.ArrayList;
import java.util.List;

/** Small message factories for tests that need a plain valid message rather than a generated one. */
public final class Messages {
    public static final GroupId GROUP = GroupId.of("g1");

    private Messages() {
    }

    public static RequestVote vote(String from, String to, long term) {
        return new RequestVote(GROUP, NodeId.of(from), NodeId.of(to), term, 7, 3, false, false);
    }

    public static AppendEntries heartbeat(String from, String to, long round) {
        return new AppendEntries(GROUP, NodeId.of(from), NodeId.of(to), 2, 10, 2, List.of(), 9, round);
    }

    /** An append of {@code count} entries of {@code bytes} bytes each, after index {@code prev}. */
    public static AppendEntries append(String from, String to, long prev, int count, int bytes) {
        List<LogEntry> entries = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            byte[] data = new byte[bytes];
            data[0] = (byte) i;
            entries.add(LogEntry.command(prev + i, 2, data));
        }
        return new AppendEntries(GROUP, NodeId.of(from), NodeId.of(to), 2, prev, 2, entries, prev, 0);
    }
}
