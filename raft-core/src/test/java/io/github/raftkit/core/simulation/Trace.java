package io.github.raftkit.core.simulation;

import io.github.raftkit.api.message.AppendEntries;
import io.github.raftkit.api.message.AppendEntriesResponse;
import io.github.raftkit.api.message.RaftMessage;
import io.github.raftkit.api.message.RequestVote;
import io.github.raftkit.api.message.RequestVoteResponse;
import io.github.raftkit.api.message.TimeoutNow;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's history: every event (and every fault or client action, as a note) folds into a running 64-bit FNV-1a hash,
 * so two runs are the same run exactly when their hashes agree; the last lines are kept for failure reports. Events
 * are hashed field by field rather than through {@code toString}, which keeps tracing cheap on the hot path; lines are
 * formatted only when a report asks for them.
 */
final class Trace {
    private record Line(long time, Object what) {
        @Override
        public String toString() {
            return String.format("%9d ms  %s", time, what);
        }
    }

    private final Line[] recent;
    private long count;
    private long hash = Fnv64.EMPTY;

    Trace(int keep) {
        this.recent = new Line[keep];
    }

    long hash() {
        return hash;
    }

    void event(long time, SimEvent event) {
        remember(time, event);
        hash = Fnv64.update(hash, time);
        if (event instanceof SimEvent.Deliver deliver) {
            hash = Fnv64.update(hash, 1);
            hash = hashMessage(hash, deliver.message());
        } else if (event instanceof SimEvent.Tick tick) {
            hash = Fnv64.update(Fnv64.update(hash, 2), tick.node());
        } else if (event instanceof SimEvent.StorageDone done) {
            hash = Fnv64.update(Fnv64.update(hash, 3), done.node());
        } else {
            hash = Fnv64.update(hash, event.toString());
        }
    }

    /** Something the event caused that the event alone does not show: a crash's victim, a client's request. */
    void note(long time, String what) {
        remember(time, what);
        hash = Fnv64.update(Fnv64.update(hash, time), what);
    }

    private void remember(long time, Object what) {
        recent[(int) (count++ % recent.length)] = new Line(time, what);
    }

    /** The last lines, oldest first. */
    List<String> lastLines() {
        List<String> lines = new ArrayList<>();
        for (long i = Math.max(0, count - recent.length); i < count; i++) {
            lines.add(recent[(int) (i % recent.length)].toString());
        }
        return lines;
    }

    private static long hashMessage(long hash, RaftMessage message) {
        hash = Fnv64.update(hash, message.from().value());
        hash = Fnv64.update(hash, message.to().value());
        hash = Fnv64.update(hash, message.term());
        if (message instanceof AppendEntries append) {
            hash = Fnv64.update(hash, 11);
            hash = Fnv64.update(hash, append.prevLogIndex());
            hash = Fnv64.update(hash, append.prevLogTerm());
            hash = Fnv64.update(hash, append.entries().size());
            hash = Fnv64.update(hash, append.leaderCommit());
            hash = Fnv64.update(hash, append.round());
        } else if (message instanceof AppendEntriesResponse response) {
            hash = Fnv64.update(hash, response.success() ? 12 : 13);
            hash = Fnv64.update(hash, response.matchIndex());
            hash = Fnv64.update(hash, response.rejectedIndex());
            hash = Fnv64.update(hash, response.conflictTerm());
            hash = Fnv64.update(hash, response.conflictIndex());
            hash = Fnv64.update(hash, response.round());
        } else if (message instanceof RequestVote request) {
            hash = Fnv64.update(hash, request.preVote() ? 14 : 15);
            hash = Fnv64.update(hash, request.lastLogIndex());
            hash = Fnv64.update(hash, request.lastLogTerm());
            hash = Fnv64.update(hash, request.leadershipTransfer() ? 1 : 0);
        } else if (message instanceof RequestVoteResponse response) {
            hash = Fnv64.update(hash, response.preVote() ? 16 : 17);
            hash = Fnv64.update(hash, response.granted() ? 1 : 0);
        } else if (message instanceof TimeoutNow) {
            hash = Fnv64.update(hash, 18);
        } else {
            hash = Fnv64.update(hash, message.getClass().getSimpleName());
        }
        return hash;
    }
}
