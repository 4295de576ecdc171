package io.github.raftkit.core.simulation;

import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.api.message.RaftMessage;
import io.github.raftkit.api.spi.PersistentState;
import io.github.raftkit.api.spi.SnapshotMetadata;
import io.github.raftkit.core.engine.RecoveredState;
import io.github.raftkit.core.engine.snapshot.LogCompaction;
import io.github.raftkit.core.engine.snapshot.SnapshotChunk;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * A member's disk: what is durable (term and vote, the log after its compacted prefix, the newest snapshot) apart from
 * the writes still on their way. Writes complete in submission order after a random latency, like a storage thread
 * with group commit; a crash loses every pending write and any snapshot half received, and may tear the write in
 * progress, keeping its term and vote and a prefix of its new entries (DESIGN §4: recovery yields exactly a prefix of
 * what was appended).
 *
 * <p>What is durable lives on a {@link DurableMedium}: only writes that complete reach it (a torn write, a prefix of
 * its entries), and a restart reads back what the medium recovers. This class keeps a copy of it, to compare new
 * entries with stored ones, serve snapshot reads and show the durable log to the checker.
 */
final class SimulatedStorage {

    /**
     * One Ready's persistence, in the Ready's order (snapshot chunks, compaction, state, entries), and the messages
     * that may leave once it and everything before it is durable.
     */
    record PendingWrite(List<SnapshotChunk> chunks, Optional<LogCompaction> compaction,
                        Optional<PersistentState> state, List<LogEntry> entries, List<RaftMessage> afterPersist) {
    }

    /** A snapshot as the simulated state machine writes it: the hash chain through its index. */
    record StoredSnapshot(SnapshotMetadata metadata, byte[] bytes) {
    }

    /** What became of a received snapshot once its last chunk was written. */
    record Installation(SnapshotMetadata metadata, boolean verified) {
    }

    private final SimulationConfig.StorageFaults faults;
    private final DurableMedium medium;
    private final ArrayDeque<PendingWrite> pending = new ArrayDeque<>();
    private PersistentState state = PersistentState.INITIAL;
    private final ArrayList<LogEntry> log = new ArrayList<>();
    private long logBase;
    private final LogMirror durable = new LogMirror();
    private StoredSnapshot snapshot;
    private ByteArrayOutputStream receiving;
    private long lastCompletion;

    SimulatedStorage(SimulationConfig.StorageFaults faults, DurableMedium medium) {
        this.faults = faults;
        this.medium = medium;
    }

    boolean idle() {
        return pending.isEmpty();
    }

    /**
     * Queues a write and returns when it will be durable: never before an earlier write, since completions are
     * reported in order. A write that holds only messages completes as soon as the writes before it.
     */
    long submit(PendingWrite write, long now, Random random) {
        boolean empty = write.state().isEmpty() && write.entries().isEmpty() && write.chunks().isEmpty()
                && write.compaction().isEmpty();
        long latency = empty ? 0
                : faults.minLatencyMillis() + random.nextInt(faults.maxLatencyMillis() - faults.minLatencyMillis() + 1);
        lastCompletion = Math.max(lastCompletion, now + latency);
        pending.addLast(write);
        return lastCompletion;
    }

    /**
     * The oldest pending write becomes durable. If it held the last chunk of a snapshot, the snapshot was verified
     * and, if sound, committed: the answer says which.
     */
    Optional<Installation> completeNext(PendingWrite write, SnapshotHistory history) {
        pending.removeFirst();
        Optional<Installation> installed = Optional.empty();
        for (SnapshotChunk chunk : write.chunks()) {
            installed = receive(chunk).or(() -> Optional.empty());
        }
        write.compaction().ifPresent(compaction -> compact(compaction, history));
        write.state().ifPresent(this::saveState);
        store(write.entries(), Integer.MAX_VALUE);
        return installed;
    }

    PendingWrite peekNext() {
        return pending.peekFirst();
    }

    private Optional<Installation> receive(SnapshotChunk chunk) {
        if (chunk.offset() == 0) {
            receiving = new ByteArrayOutputStream();
        }
        if (receiving == null || receiving.size() != chunk.offset()) {
            throw new IllegalStateException("chunk at " + chunk.offset() + " does not follow the "
                    + (receiving == null ? "no" : receiving.size()) + " bytes received");
        }
        receiving.writeBytes(chunk.bytes());
        if (!chunk.done()) {
            return Optional.empty();
        }
        byte[] bytes = receiving.toByteArray();
        receiving = null;
        boolean verified = SnapshotBytes.crc(bytes) == chunk.checksum();
        if (verified) {
            save(new StoredSnapshot(chunk.snapshot(), bytes));
        }
        return Optional.of(new Installation(chunk.snapshot(), verified));
    }

    /** A snapshot the member took is durable; the newest snapshot wins. */
    void save(StoredSnapshot taken) {
        if (snapshot == null || snapshot.metadata().lastIncludedIndex() < taken.metadata().lastIncludedIndex()) {
            snapshot = taken;
            medium.saveSnapshot(taken.metadata(), taken.bytes());
        }
    }

    Optional<StoredSnapshot> snapshot() {
        return Optional.ofNullable(snapshot);
    }

    private void compact(LogCompaction compaction, SnapshotHistory history) {
        long through = compaction.throughIndex();
        long drop = Math.min(through - logBase, log.size());
        if (drop > 0) {
            log.subList(0, (int) drop).clear();
        }
        if (compaction.discardLog()) {
            if (snapshot == null || snapshot.metadata().lastIncludedIndex() != through) {
                throw new IllegalStateException("discarding the log after " + through + " without its snapshot");
            }
            log.clear();
            // The durable view keeps the prefix the installed snapshot stands for, and nothing after it.
            durable.resetTo(history.prefix(through, snapshot.metadata().lastIncludedTerm()));
        }
        logBase = Math.max(logBase, through);
        medium.compact(through, compaction.discardLog());
    }

    /** Power is lost: pending writes vanish, except perhaps part of the one in progress. Returns whether it tore. */
    boolean crash(Random random) {
        boolean torn = false;
        receiving = null;
        if (!pending.isEmpty() && random.nextDouble() < faults.tornWriteProbability()) {
            // Metadata is replaced atomically before the log is appended, so a torn write keeps the term and vote;
            // a torn chunk or compaction is simply lost, which the member recovers from like any crash.
            PendingWrite inProgress = pending.peekFirst();
            inProgress.state().ifPresent(this::saveState);
            if (inProgress.compaction().isEmpty() && inProgress.chunks().isEmpty()) {
                store(inProgress.entries(), random.nextInt(inProgress.entries().size() + 1));
            }
            torn = true;
        }
        pending.clear();
        lastCompletion = 0;
        medium.crash();
        return torn;
    }

    private void saveState(PersistentState saved) {
        state = saved;
        medium.saveState(saved);
    }

    /**
     * Ready's rule: the entries replace the stored log from the first one's index on. Entries the log already holds
     * are left in place (a real log does not rewrite them), so tearing the write can only lose entries that are new;
     * {@code keepNew} bounds how many of those are written.
     */
    private void store(List<LogEntry> entries, int keepNew) {
        if (entries.isEmpty()) {
            return;
        }
        long first = entries.get(0).index();
        long last = logBase + log.size();
        if (first > last + 1 || first <= logBase) {
            throw new IllegalStateException("write from " + first + " does not fit a log holding " + (logBase + 1)
                    + ".." + last);
        }
        int same = 0;
        while (same < entries.size() && first + same <= last
                && log.get((int) (first + same - 1 - logBase)).equals(entries.get(same))) {
            same++;
        }
        long keepThrough = first + same - 1;
        if (keepThrough < last) {
            medium.truncateAfter(keepThrough);
        }
        log.subList((int) (keepThrough - logBase), log.size()).clear();
        durable.truncateAfter(keepThrough);
        int end = (int) Math.min(entries.size(), same + (long) keepNew);
        if (end > same) {
            medium.append(entries.subList(same, end));
        }
        for (int i = same; i < end; i++) {
            log.add(entries.get(i));
            durable.append(entries.get(i));
        }
    }

    /**
     * What a restarting member reads back from the medium. With a snapshot, the stored log is cut to what follows it
     * (as a real store would once the member compacts), and the durable view becomes the snapshot's prefix and that
     * log.
     */
    RecoveredState recover(SnapshotHistory history) {
        DurableMedium.Contents found = medium.recover();
        state = found.state();
        snapshot = found.snapshot().map(s -> new StoredSnapshot(s.metadata(), s.bytes())).orElse(null);
        RecoveredState recovered = RecoveredState.of(state, snapshot().map(StoredSnapshot::metadata), found.log());
        log.clear();
        log.addAll(recovered.log());
        if (snapshot != null) {
            SnapshotMetadata metadata = snapshot.metadata();
            logBase = metadata.lastIncludedIndex();
            durable.resetTo(history.prefix(metadata.lastIncludedIndex(), metadata.lastIncludedTerm()));
        } else {
            logBase = 0;
            durable.truncateAfter(0);
        }
        recovered.log().forEach(durable::append);
        return recovered;
    }

    LogView durableLog() {
        return durable;
    }

    PersistentState state() {
        return state;
    }
}
