package io.github.raftkit.core.simulation;

import io.github.raftkit.testkit.linearizability.CheckResult;
import io.github.raftkit.testkit.linearizability.History;
import io.github.raftkit.testkit.linearizability.LinearizabilityChecker;
import io.github.raftkit.testkit.linearizability.OpStatus;
import io.github.raftkit.testkit.linearizability.Operation;
import io.github.raftkit.testkit.linearizability.RegisterModel;
import io.github.raftkit.testkit.linearizability.RegisterModel.Input;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * What the clients saw of the registers, as a {@link History} for the linearizability checker. Clients are numbered
 * by the member they asked. Times are simulated milliseconds times 1,000 plus a sequence number within the
 * millisecond, so that an acknowledgement and a read asked later in the same millisecond keep their order.
 *
 * <ul>
 *   <li>A write is invoked when proposed. It is OK once the member that accepted it applies it at the index and term
 *       it was given, in the same incarnation; FAIL if refused, or once any member applies another term's entry at
 *       its index (its entry was overwritten, and no command is proposed twice); otherwise it stays open, and the
 *       checker takes it as indeterminate (the client never learned: the member crashed, or the run ended).</li>
 *   <li>A read is invoked when asked, and OK with the serving member's register once that member has applied through
 *       the read's confirmed index. One that is refused, aborted, or whose member crashed or never caught up is FAIL:
 *       a read changes nothing, so one whose answer nobody saw constrains nothing, and dropping it spares the checker
 *       the placements of an indeterminate operation.</li>
 * </ul>
 */
final class ClientHistory {
    /**
     * The checker's budget per register. The 1,000 seeds of the default sweep explore under 1,000 states per run (all
     * registers together); this is far above, small enough to fail in seconds, and a run that reaches it fails rather
     * than pass unchecked.
     */
    static final long MAX_STATES_PER_KEY = 1_000_000;

    private record OpenWrite(long op, long term) {
    }

    /** A read asked of {@code server}, to be answered from its registers once applied through {@code index}. */
    private record AskedRead(SimMember server, long incarnation, int key, long index) {
        AskedRead confirmedAt(long confirmed) {
            return new AskedRead(server, incarnation, key, confirmed);
        }
    }

    private final LongSupplier nowMillis;
    private final History<Input, Long> history = new History<>(this::now);
    private final Map<Long, List<OpenWrite>> openWritesByIndex = new HashMap<>();
    private final Map<Long, AskedRead> unconfirmedReads = new LinkedHashMap<>();
    private final Map<Long, AskedRead> confirmedReads = new LinkedHashMap<>();
    private long lastTime;

    ClientHistory(LongSupplier nowMillis) {
        this.nowMillis = nowMillis;
    }

    private long now() {
        lastTime = Math.max(lastTime + 1, nowMillis.getAsLong() * 1_000);
        return lastTime;
    }

    long writeInvoked(SimMember target, RegisterCommand command) {
        return history.invoke(target.position() + 1, RegisterCommand.keyName(command.key()),
                new RegisterModel.Write(command.value()));
    }

    void writeRefused(long op) {
        history.fail(op);
    }

    void writeAccepted(long op, long index, long term) {
        openWritesByIndex.computeIfAbsent(index, i -> new ArrayList<>()).add(new OpenWrite(op, term));
    }

    void writeAcknowledged(long op) {
        history.ok(op, null);
    }

    /** Some member applied the entry at {@code index}: writes accepted there in another term never take effect. */
    void entryApplied(long index, long term) {
        List<OpenWrite> open = openWritesByIndex.remove(index);
        if (open != null) {
            open.stream().filter(write -> write.term() != term).forEach(write -> history.fail(write.op()));
        }
    }

    long readInvoked(SimMember server, int key) {
        long op = history.invoke(server.position() + 1, RegisterCommand.keyName(key), new RegisterModel.Read());
        unconfirmedReads.put(op, new AskedRead(server, server.incarnation(), key, -1));
        return op;
    }

    void readFailed(long op) {
        unconfirmedReads.remove(op);
        history.fail(op);
    }

    void readConfirmed(long op, long index) {
        AskedRead read = unconfirmedReads.remove(op);
        if (read != null) {
            confirmedReads.put(op, read.confirmedAt(index));
        }
    }

    /** A read served at once from {@code server}'s applied state, with no ReadIndex (only the planted bug does). */
    void readServedLocally(SimMember server, int key) {
        long op = history.invoke(server.position() + 1, RegisterCommand.keyName(key), new RegisterModel.Read());
        history.ok(op, RegisterStateMachine.read(server.stateMachine(), key));
    }

    /** Answers the confirmed reads whose member has applied far enough; drops those whose member crashed. */
    void serveReads() {
        for (Iterator<Map.Entry<Long, AskedRead>> it = confirmedReads.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, AskedRead> waiting = it.next();
            AskedRead read = waiting.getValue();
            if (!read.server().up() || read.server().incarnation() != read.incarnation()) {
                it.remove();
                history.fail(waiting.getKey());
            } else if (read.server().appliedIndex() >= read.index()) {
                it.remove();
                history.ok(waiting.getKey(), RegisterStateMachine.read(read.server().stateMachine(), read.key()));
            }
        }
    }

    /** The run is over: reads still unanswered constrain nothing. */
    void finish() {
        unconfirmedReads.keySet().forEach(history::fail);
        confirmedReads.keySet().forEach(history::fail);
        unconfirmedReads.clear();
        confirmedReads.clear();
    }

    /**
     * Checks the history, less the indeterminate writes whose value no read returned. Those are left out because each
     * one doubles the orders the search may try (it may take effect anywhere after its invocation, or never), and
     * leaving them out changes no verdict: values on a key are unique and there is no compare-and-set, so nothing else
     * in the history depends on such a write, and any linearization of the rest becomes one of the whole by placing
     * the write last.
     */
    CheckResult check() {
        List<Operation<Input, Long>> operations = history.operations();
        Set<Long> valuesRead = operations.stream().filter(op -> op.status() == OpStatus.OK)
                .filter(op -> op.input() instanceof RegisterModel.Read).map(Operation::output)
                .collect(Collectors.toSet());
        List<Operation<Input, Long>> observable = operations.stream()
                .filter(op -> op.status() != OpStatus.INFO || !(op.input() instanceof RegisterModel.Write write)
                        || valuesRead.contains(write.value()))
                .toList();
        return LinearizabilityChecker.check(new RegisterModel(), observable, MAX_STATES_PER_KEY);
    }
}
