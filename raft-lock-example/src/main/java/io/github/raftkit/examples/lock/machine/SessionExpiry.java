package io.github.raftkit.examples.lock.machine;

import io.github.raftkit.api.statemachine.LeaderContext;
import io.github.raftkit.examples.lock.command.LockCodec;
import io.github.raftkit.examples.lock.command.LockCommand;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The leader's half of session time: it watches each session's renewal index and, when one has not moved for a
 * whole time to live by this member's monotonic clock, proposes {@link LockCommand.Expire} for that renewal. Nothing
 * here is replicated; a new leader starts from scratch and first gives every session a full time to live from the
 * moment it took over, so a failover never expires a session that its holder kept alive.
 *
 * <p>Why a holder can trust its own clock: the leader starts a session's time only when it sees a renewal applied,
 * which is after the holder sent it, so the session cannot expire before the holder's send time plus the time to
 * live (given clocks that run at nearly the same rate; the client keeps a margin for that).
 *
 * <p>Runs on the apply thread, from {@link LockStateMachine}'s leader duties.
 */
final class SessionExpiry {
    /** When this leader first saw a session at a renewal. */
    private record Seen(long renewal, long sinceNanos) {
    }

    private final LockTable table;
    private final Duration checkEvery;
    private final Map<Long, Seen> seen = new HashMap<>();
    private final Set<Long> proposed = new HashSet<>();
    private LeaderContext context;

    SessionExpiry(LockTable table, Duration checkEvery) {
        this.table = table;
        this.checkEvery = checkEvery;
    }

    void start(LeaderContext leader) {
        context = leader;
        seen.clear();
        proposed.clear();
        check(leader);
    }

    void stop() {
        context = null;
        seen.clear();
        proposed.clear();
    }

    private void check(LeaderContext leader) {
        if (leader != context) {
            return; // a check scheduled in an earlier term
        }
        long now = leader.monotonicNanos();
        Set<Long> live = new HashSet<>();
        for (LiveSession session : table.sessions()) {
            live.add(session.id);
            Seen last = seen.get(session.id);
            if (last == null || last.renewal() != session.renewal) {
                seen.put(session.id, new Seen(session.renewal, now));
                proposed.remove(session.id);
            } else if (now - last.sinceNanos() >= session.ttlMillis * 1_000_000L && proposed.add(session.id)) {
                propose(leader, session.id, last.renewal());
            }
        }
        seen.keySet().retainAll(live);
        proposed.retainAll(live);
        leader.schedule(checkEvery, () -> check(leader));
    }

    /** If the proposal fails, the next check proposes again; a late commit of this one is harmless, being conditional. */
    private void propose(LeaderContext leader, long session, long renewal) {
        leader.propose(LockCodec.encode(new LockCommand.Expire(session, renewal)))
                .whenComplete((result, error) -> {
                    if (error != null) {
                        // Completions may come on a timer thread: the bookkeeping goes back to the apply thread.
                        leader.schedule(Duration.ZERO, () -> proposed.remove(session));
                    }
                });
    }
}
