package io.github.raftkit.core.simulation;

import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.api.message.RaftMessage;
import io.github.raftkit.api.spi.PersistentState;
import io.github.raftkit.core.engine.RecoveredState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * A member's disk: what is durable (term and vote, the log) apart from the writes still on their way. Writes complete
 * in submission order after a random latency, like a storage thread with group commit; a crash loses every pending
 * write, and may tear the one in progress, keeping its term and vote and a prefix of its new entries (DESIGN §4:
 * recovery yields exactly a prefix of what was appended).
 */
final class SimulatedStorage {

    /** One Ready's persistence, and the messages that may leave once it and everything before it is durable. */
    record PendingWrite(Optional<PersistentState> state, List<LogEntry> entries, List<RaftMessage> afterPersist) {
    }

    private final SimulationConfig.StorageFaults faults;
    private final ArrayDeque<PendingWrite> pending = new ArrayDeque<>();
    private PersistentState state = PersistentState.INITIAL;
    private final ArrayList<LogEntry> log = new ArrayList<>();
    private final LogMirror durable = new LogMirror();
    private long lastCompletion;

    SimulatedStorage(SimulationConfig.StorageFaults faults) {
        this.faults = faults;
    }

    boolean idle() {
        return pending.isEmpty();
    }

    /**
     * Queues a write and returns when it will be durable: never before an earlier write, since completions are
     * reported in order. A write that holds only messages completes as soon as the writes before it.
     */
    long submit(PendingWrite write, long now, Random random) {
        long latency = write.state().isEmpty() && write.entries().isEmpty() ? 0
                : faults.minLatencyMillis() + random.nextInt(faults.maxLatencyMillis() - faults.minLatencyMillis() + 1);
        lastCompletion = Math.max(lastCompletion, now + latency);
        pending.addLast(write);
        return lastCompletion;
    }

    /** The oldest pending write becomes durable. */
    PendingWrite completeNext() {
        PendingWrite write = pending.removeFirst();
        write.state().ifPresent(s -> state = s);
        store(write.entries(), Integer.MAX_VALUE);
        return write;
    }

    /** Power is lost: pending writes vanish, except perhaps part of the one in progress. Returns whether it tore. */
    boolean crash(Random random) {
        boolean torn = false;
        if (!pending.isEmpty() && random.nextDouble() < faults.tornWriteProbability()) {
            // Metadata is replaced atomically before the log is appended, so a torn write keeps the term and vote.
            PendingWrite inProgress = pending.peekFirst();
            inProgress.state().ifPresent(s -> state = s);
            store(inProgress.entries(), random.nextInt(inProgress.entries().size() + 1));
            torn = true;
        }
        pending.clear();
        lastCompletion = 0;
        return torn;
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
        if (first > log.size() + 1L) {
            throw new IllegalStateException("write from " + first + " leaves a gap after " + log.size());
        }
        int same = 0;
        while (same < entries.size() && first + same <= log.size()
                && log.get((int) (first + same - 1)).equals(entries.get(same))) {
            same++;
        }
        long keepThrough = first + same - 1;
        log.subList((int) keepThrough, log.size()).clear();
        durable.truncateAfter(keepThrough);
        for (int i = same; i < entries.size() && i - same < keepNew; i++) {
            log.add(entries.get(i));
            durable.append(entries.get(i));
        }
    }

    RecoveredState recover() {
        return new RecoveredState(state, log);
    }

    LogView durableLog() {
        return durable;
    }

    PersistentState state() {
        return state;
    }
}
