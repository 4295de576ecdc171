package io.github.raftkit.core.scenario;

import io.github.raftkit.api.log.EntryType;
import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.api.message.RaftMessage;
import io.github.raftkit.api.spi.PersistentState;
import io.github.raftkit.core.engine.RaftEngine;
import io.github.raftkit.core.engine.Ready;
import io.github.raftkit.core.engine.RecoveredState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One member in a scenario: an engine, the storage it persists to (synchronously: scenarios lose nothing on a crash
 * but volatile state), and the commands it applied.
 */
final class ScenarioNode {
    private RaftEngine engine;
    private PersistentState durableState = PersistentState.INITIAL;
    private final List<LogEntry> durableLog = new ArrayList<>();
    private final List<String> applied = new ArrayList<>();
    private final List<String> reads = new ArrayList<>();
    private boolean up = true;

    ScenarioNode(RaftEngine engine) {
        this.engine = engine;
    }

    RaftEngine engine() {
        return engine;
    }

    boolean isUp() {
        return up;
    }

    List<String> applied() {
        return applied;
    }

    List<String> reads() {
        return reads;
    }

    /** Carries out the engine's Ready in the order its contract gives, sending messages through {@code network}. */
    void processReady(Consumer<RaftMessage> network) {
        while (up && engine.hasReady()) {
            Ready ready = engine.ready();
            ready.messages().forEach(network);
            ready.state().ifPresent(state -> durableState = state);
            if (!ready.entries().isEmpty()) {
                long first = ready.entries().get(0).index();
                durableLog.subList((int) Math.min(first - 1, durableLog.size()), durableLog.size()).clear();
                durableLog.addAll(ready.entries());
                LogEntry last = ready.entries().get(ready.entries().size() - 1);
                engine.persisted(last.index(), last.term());
            }
            ready.messagesAfterPersist().forEach(network);
            for (LogEntry entry : ready.committed()) {
                applied.add(entry.type() == EntryType.NO_OP
                        ? "(no-op)" : new String(entry.data(), StandardCharsets.UTF_8));
            }
            ready.reads().forEach(r -> reads.add("read " + r.requestId() + " at " + r.index()));
            ready.abortedReads().forEach(id -> reads.add("read " + id + " aborted"));
        }
    }

    /** Loses everything volatile: the engine, unsent messages, the applied state. */
    void crash() {
        up = false;
        applied.clear();
        reads.clear();
    }

    /** Comes back from durable storage with a new engine. */
    void restart(java.util.function.Function<RecoveredState, RaftEngine> factory) {
        engine = factory.apply(new RecoveredState(durableState, durableLog));
        up = true;
    }
}
