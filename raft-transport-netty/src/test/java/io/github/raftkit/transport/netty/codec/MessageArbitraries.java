package io.github.raftkit.transport.netty.codec;

import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.log.EntryType;
import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.api.message.AppendEntries;
import io.github.raftkit.api.message.AppendEntriesResponse;
import io.github.raftkit.api.message.InstallSnapshot;
import io.github.raftkit.api.spi.SnapshotMetadata;
import io.github.raftkit.api.message.InstallSnapshotResponse;
import io.github.raftkit.api.message.RaftMessage;
import io.github.raftkit.api.message.RequestVote;
import io.github.raftkit.api.message.RequestVoteResponse;
import io.github.raftkit.api.message.TimeoutNow;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Generators of every message the wire carries, with ids in several scripts and payloads on both sides of the zero-copy threshold. */
final class MessageArbitraries {
    private MessageArbitraries() {
    }

    /** Any valid message, each type about equally often. */
    static Arbitrary<RaftMessage> messages() {
        return Arbitraries.oneOf(requestVotes(), voteResponses(), appends(), appendResponses(), snapshots(),
                snapshotResponses(), timeoutNows());
    }

    /** Any valid hello. */
    static Arbitrary<Hello> hellos() {
        return Combinators.combine(nodes(), nodes()).as(Hello::new);
    }

    private record Common(GroupId group, NodeId from, NodeId to, long term) {
    }

    private static Arbitrary<Common> common() {
        return Combinators.combine(ids().map(GroupId::of), nodes(), nodes(), counts()).as(Common::new);
    }

    private static Arbitrary<String> ids() {
        return Arbitraries.strings().alpha().numeric().withChars('-', '_', '.', 'é', 'ж', '中', 'ß')
                .ofMinLength(1).ofMaxLength(NodeId.MAX_LENGTH);
    }

    private static Arbitrary<NodeId> nodes() {
        return ids().map(NodeId::of);
    }

    private static Arbitrary<Long> counts() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, 1000), Arbitraries.longs().between(0, Long.MAX_VALUE));
    }

    private static Arbitrary<byte[]> payloads() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.bytes().array(byte[].class).ofMaxSize(300)),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class)
                        .ofMinSize(FrameWriter.ZERO_COPY_MIN_BYTES).ofMaxSize(FrameWriter.ZERO_COPY_MIN_BYTES * 3)));
    }

    private static Arbitrary<RaftMessage> requestVotes() {
        return Combinators.combine(common(), counts(), counts(), Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as((c, index, term, pre, transfer) -> new RequestVote(c.group, c.from, c.to, c.term, index, term, pre,
                        transfer));
    }

    private static Arbitrary<RaftMessage> voteResponses() {
        return Combinators.combine(common(), Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as((c, pre, granted) -> new RequestVoteResponse(c.group, c.from, c.to, c.term, pre, granted));
    }

    private static Arbitrary<RaftMessage> appends() {
        Arbitrary<List<Object[]>> entries = Combinators.combine(Arbitraries.longs().between(1, Long.MAX_VALUE),
                        Arbitraries.of(EntryType.class), payloads())
                .as((term, type, data) -> new Object[] {term, type, data})
                .list().ofMaxSize(12);
        return Combinators.combine(common(), Arbitraries.longs().between(0, Long.MAX_VALUE - 100), counts(),
                        entries, counts(), counts())
                .as((c, prev, prevTerm, raw, commit, round) -> {
                    List<LogEntry> list = new ArrayList<>();
                    for (int i = 0; i < raw.size(); i++) {
                        Object[] e = raw.get(i);
                        list.add(new LogEntry(prev + 1 + i, (Long) e[0], (EntryType) e[1], (byte[]) e[2]));
                    }
                    return new AppendEntries(c.group, c.from, c.to, c.term, prev, prevTerm, list, commit, round);
                });
    }

    private static Arbitrary<RaftMessage> appendResponses() {
        return Combinators.combine(common(), Arbitraries.of(true, false), counts(), counts(), counts(), counts(),
                        counts())
                .as((c, ok, match, rejected, conflictTerm, conflictIndex, round) -> new AppendEntriesResponse(
                        c.group, c.from, c.to, c.term, ok, match, rejected, conflictTerm, conflictIndex, round));
    }

    private static Arbitrary<RaftMessage> snapshots() {
        return Combinators.combine(common(), snapshotMetadata(), counts(), payloads(), Arbitraries.of(true, false),
                        Arbitraries.longs())
                .as((c, snapshot, offset, chunk, done, checksum) -> new InstallSnapshot(c.group, c.from, c.to, c.term,
                        snapshot, offset, chunk, done, checksum));
    }

    private static Arbitrary<SnapshotMetadata> snapshotMetadata() {
        return Combinators.combine(counts(), counts(), nodes().list().ofMaxSize(7))
                .as(SnapshotMetadata::new);
    }

    private static Arbitrary<RaftMessage> snapshotResponses() {
        return Combinators.combine(common(), counts(), counts(), Arbitraries.of(true, false))
                .as((c, index, next, accepted) -> new InstallSnapshotResponse(c.group, c.from, c.to, c.term, index,
                        next, accepted));
    }

    private static Arbitrary<RaftMessage> timeoutNows() {
        return common().map(c -> new TimeoutNow(c.group, c.from, c.to, c.term));
    }
}
