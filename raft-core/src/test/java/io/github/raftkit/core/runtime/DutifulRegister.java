package io.github.raftkit.core.runtime;

import io.github.raftkit.api.statemachine.BlockingQueries;
import io.github.raftkit.api.statemachine.LeaderContext;
import io.github.raftkit.api.statemachine.LeaderDuties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A register with both optional extras. As leader it proposes {@code duty-<term>-<n>} every 20 ms, {@code duties}
 * times per term, and records what it had applied when its duties started. A query {@code await:<command>} waits
 * until that command is applied and then answers {@code seen:<command>}; any other query, or a wait that ran out,
 * gets the register's plain answer, the last command applied.
 */
final class DutifulRegister extends RegisterStateMachine implements LeaderDuties, BlockingQueries {
    private static final String AWAIT = "await:";

    /** What one term's duties saw when they started. */
    record Start(long term, List<String> applied) {
    }

    private final int duties;
    private final List<Start> starts = new ArrayList<>(); // guarded by itself: the test thread reads it
    private volatile int stops;
    private volatile LeaderContext lastContext;

    DutifulRegister(int duties) {
        this.duties = duties;
    }

    @Override
    public void leaderStarted(LeaderContext context) {
        synchronized (starts) {
            starts.add(new Start(context.term(), history()));
        }
        lastContext = context;
        proposeLater(context, 1);
    }

    private void proposeLater(LeaderContext context, int n) {
        if (n <= duties) {
            context.schedule(Duration.ofMillis(20), () -> {
                context.propose(bytes("duty-" + context.term() + "-" + n));
                proposeLater(context, n + 1);
            });
        }
    }

    @Override
    public void leaderStopped() {
        stops++;
    }

    @Override
    public Optional<byte[]> answerIfReady(byte[] query) {
        String text = text(query);
        if (!text.startsWith(AWAIT)) {
            return Optional.of(query(query));
        }
        String awaited = text.substring(AWAIT.length());
        return history().contains(awaited) ? Optional.of(bytes("seen:" + awaited)) : Optional.empty();
    }

    List<Start> starts() {
        synchronized (starts) {
            return List.copyOf(starts);
        }
    }

    LeaderContext lastContext() {
        return lastContext;
    }

    int stops() {
        return stops;
    }
}
