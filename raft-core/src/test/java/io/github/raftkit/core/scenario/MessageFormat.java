package io.github.raftkit.core.scenario;

import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.api.message.AppendEntries;
import io.github.raftkit.api.message.AppendEntriesResponse;
import io.github.raftkit.api.message.InstallSnapshot;
import io.github.raftkit.api.message.InstallSnapshotResponse;
import io.github.raftkit.api.message.RaftMessage;
import io.github.raftkit.api.message.RequestVote;
import io.github.raftkit.api.message.RequestVoteResponse;
import io.github.raftkit.api.message.TimeoutNow;
import java.util.stream.Collectors;

/** One short line per message, so that a scenario's expected output reads like a sequence diagram. */
final class MessageFormat {
    private MessageFormat() {
    }

    static String kind(RaftMessage message) {
        if (message instanceof RequestVote vote) {
            return vote.preVote() ? "PreVote" : "Vote";
        }
        if (message instanceof RequestVoteResponse response) {
            return response.preVote() ? "PreVoteResp" : "VoteResp";
        }
        if (message instanceof AppendEntries append) {
            return append.entries().isEmpty() ? "Heartbeat" : "App";
        }
        if (message instanceof AppendEntriesResponse) {
            return "AppResp";
        }
        if (message instanceof InstallSnapshot) {
            return "Snap";
        }
        if (message instanceof InstallSnapshotResponse) {
            return "SnapResp";
        }
        return message.getClass().getSimpleName();
    }

    static String describe(RaftMessage message) {
        String head = message.from() + "->" + message.to() + " " + kind(message) + " term=" + message.term();
        if (message instanceof RequestVote vote) {
            return head + " last=" + vote.lastLogIndex() + "@" + vote.lastLogTerm()
                    + (vote.leadershipTransfer() ? " transfer" : "");
        }
        if (message instanceof RequestVoteResponse response) {
            return head + (response.granted() ? " granted" : " rejected");
        }
        if (message instanceof AppendEntries append) {
            String entries = append.entries().isEmpty() ? ""
                    : " entries=[" + append.entries().stream().map(MessageFormat::entry)
                    .collect(Collectors.joining(" ")) + "]";
            return head + " prev=" + append.prevLogIndex() + "@" + append.prevLogTerm() + entries
                    + " commit=" + append.leaderCommit();
        }
        if (message instanceof AppendEntriesResponse response) {
            return head + (response.success()
                    ? " ok match=" + response.matchIndex()
                    : " reject at=" + response.rejectedIndex() + " hint=" + response.conflictIndex() + "@"
                    + response.conflictTerm());
        }
        if (message instanceof TimeoutNow) {
            return head;
        }
        if (message instanceof InstallSnapshot chunk) {
            return head + " snapshot=" + chunk.snapshot().lastIncludedIndex() + "@" + chunk.snapshot()
                    .lastIncludedTerm() + " offset=" + chunk.offset() + " bytes=" + chunk.chunk().length
                    + (chunk.done() ? " done" : "");
        }
        if (message instanceof InstallSnapshotResponse response) {
            return head + " snapshot=" + response.lastIncludedIndex() + " next=" + response.nextOffset()
                    + (response.accepted() ? " ok" : " refused");
        }
        return head + " " + message;
    }

    private static String entry(LogEntry entry) {
        return entry.index() + "@" + entry.term();
    }
}
