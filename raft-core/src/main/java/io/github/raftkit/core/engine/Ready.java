package io.github.raftkit.core.engine;

import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.api.message.RaftMessage;
import io.github.raftkit.api.spi.PersistentState;
import io.github.raftkit.api.spi.SnapshotMetadata;
import io.github.raftkit.core.engine.snapshot.LogCompaction;
import io.github.raftkit.core.engine.snapshot.SnapshotChunk;
import io.github.raftkit.core.engine.snapshot.SnapshotSend;
import java.util.List;
import java.util.Optional;

/**
 * The effects of the engine's steps since the last {@link RaftEngine#ready()}, which the caller carries out in this
 * order:
 *
 * <ol>
 *   <li>send {@link #messages()} at once (a leader's appends travel in parallel with its own disk write, §10.2.1),
 *       and read and send the {@link #snapshotSends()} chunks from the snapshot store;</li>
 *   <li>persist, in this order: {@link #snapshotChunks()} into the snapshot being received (after the last one,
 *       verify, commit and report {@link RaftEngine#snapshotInstalled} or {@link RaftEngine#snapshotInstallFailed});
 *       {@link #compaction()} of the stored log's prefix; {@link #state()} and {@link #entries()}: when the first
 *       entry's index is not past the stored log, the stored entries from that index on are replaced (§5.3); then
 *       report {@link RaftEngine#persisted};</li>
 *   <li>send {@link #messagesAfterPersist()} only once this Ready's and every earlier Ready's persistence is done,
 *       because they promise what was persisted (a vote, a term, an acknowledged entry or chunk);</li>
 *   <li>if {@link #restore()} is present, replace the state machine with that snapshot (from the store) before
 *       applying anything after it; apply {@link #committed()} in order, and serve {@link #reads()} once applied
 *       through their index.</li>
 * </ol>
 *
 * @param state the term and vote to persist, if they changed
 * @param entries entries to persist, consecutive
 * @param messages messages that may be sent at once
 * @param messagesAfterPersist messages to send after persistence
 * @param committed committed entries, durable here, to apply in order (after {@code restore})
 * @param reads confirmed reads
 * @param abortedReads ids of reads this member can no longer confirm, because it stopped leading
 * @param snapshotSends snapshot chunks a leader asks to send
 * @param snapshotChunks snapshot chunks a follower took, to write in order
 * @param compaction a change to the stored log's prefix, carried out before {@code entries}
 * @param restore a snapshot just installed, to restore the state machine from before applying {@code committed}
 */
public record Ready(Optional<PersistentState> state, List<LogEntry> entries, List<RaftMessage> messages,
                    List<RaftMessage> messagesAfterPersist, List<LogEntry> committed, List<ReadState> reads,
                    List<Long> abortedReads, List<SnapshotSend> snapshotSends, List<SnapshotChunk> snapshotChunks,
                    Optional<LogCompaction> compaction, Optional<SnapshotMetadata> restore) {

    public Ready {
        entries = List.copyOf(entries);
        messages = List.copyOf(messages);
        messagesAfterPersist = List.copyOf(messagesAfterPersist);
        committed = List.copyOf(committed);
        reads = List.copyOf(reads);
        abortedReads = List.copyOf(abortedReads);
        snapshotSends = List.copyOf(snapshotSends);
        snapshotChunks = List.copyOf(snapshotChunks);
    }

    /** A Ready without snapshot work. */
    public Ready(Optional<PersistentState> state, List<LogEntry> entries, List<RaftMessage> messages,
                 List<RaftMessage> messagesAfterPersist, List<LogEntry> committed, List<ReadState> reads,
                 List<Long> abortedReads) {
        this(state, entries, messages, messagesAfterPersist, committed, reads, abortedReads, List.of(), List.of(),
                Optional.empty(), Optional.empty());
    }

    /** Whether there is nothing to do. */
    public boolean isEmpty() {
        return state.isEmpty() && entries.isEmpty() && messages.isEmpty() && messagesAfterPersist.isEmpty()
                && committed.isEmpty() && reads.isEmpty() && abortedReads.isEmpty() && snapshotSends.isEmpty()
                && snapshotChunks.isEmpty() && compaction.isEmpty() && restore.isEmpty();
    }

    /** Whether the caller must write anything before sending {@link #messagesAfterPersist()}. */
    public boolean needsPersist() {
        return state.isPresent() || !entries.isEmpty() || !snapshotChunks.isEmpty() || compaction.isPresent();
    }
}
