package io.github.raftkit.examples.lock.machine;

import io.github.raftkit.examples.lock.command.LockCommand;
import io.github.raftkit.examples.lock.command.LockError;
import io.github.raftkit.examples.lock.command.LockLimits;
import io.github.raftkit.examples.lock.command.LockMode;
import io.github.raftkit.examples.lock.command.LockNames;
import io.github.raftkit.examples.lock.command.LockQuery;
import io.github.raftkit.examples.lock.command.LockResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The replicated state of the lock service and its rules: sessions, locks, holders and queues. It reads no clock:
 * time enters only as the leader's {@link LockCommand.Expire} commands, so every replica that applies the same
 * commands holds the same table. Sorted maps keep every iteration, and so every snapshot, identical across replicas.
 *
 * <p>Invariants kept by every command: an exclusive lock has at most one holder; every holder and waiter belongs to a
 * live session, and a session lists exactly the locks it holds or waits for; a lock with neither holders nor waiters
 * is not kept; a grant's fencing token is the log index of the command that granted it.
 *
 * <p>Not thread-safe: used from the apply thread only.
 */
final class LockTable {
    private final NavigableMap<Long, LiveSession> sessions = new TreeMap<>();
    private final NavigableMap<String, HeldLock> locks = new TreeMap<>();
    private final RecentlyExpired expired = new RecentlyExpired();

    LockResult apply(long index, LockCommand command) {
        if (command instanceof LockCommand.OpenSession open) {
            return open(index, open.ttlMillis());
        } else if (command instanceof LockCommand.Expire expire) {
            return expire(index, expire);
        }
        long sessionId = ((LockCommand.FromSession) command).session();
        LiveSession session = sessions.get(sessionId);
        if (session == null) {
            return missingSession(sessionId);
        }
        session.renewal = index;
        if (command instanceof LockCommand.KeepAlive) {
            return new LockResult.Renewed(sessionId, index);
        } else if (command instanceof LockCommand.CloseSession) {
            end(session, index);
            return new LockResult.SessionEnded(sessionId);
        } else if (command instanceof LockCommand.Acquire acquire) {
            return acquire(index, session, acquire);
        } else if (command instanceof LockCommand.Release release) {
            return release(index, session, release.name());
        }
        return cancel(session, ((LockCommand.Cancel) command).name());
    }

    private LockResult open(long index, long ttlMillis) {
        Optional<String> problem = LockNames.ttlProblem(ttlMillis);
        if (problem.isPresent()) {
            return failure(LockError.INVALID_TTL, problem.get());
        }
        if (sessions.size() >= LockLimits.MAX_SESSIONS) {
            return failure(LockError.LIMIT_REACHED, "the service already has " + LockLimits.MAX_SESSIONS
                    + " sessions open");
        }
        sessions.put(index, new LiveSession(index, ttlMillis, index));
        return new LockResult.SessionOpened(index, ttlMillis);
    }

    /** The leader's expiry, unless the session was renewed (or ended) since the leader decided. */
    private LockResult expire(long index, LockCommand.Expire expire) {
        LiveSession session = sessions.get(expire.session());
        if (session == null || session.renewal != expire.renewal()) {
            return new LockResult.NotExpired(expire.session());
        }
        end(session, index);
        expired.add(session.id);
        return new LockResult.SessionEnded(session.id);
    }

    private LockResult acquire(long index, LiveSession session, LockCommand.Acquire acquire) {
        String name = acquire.name();
        Optional<String> problem = LockNames.problem(name);
        if (problem.isPresent()) {
            return failure(LockError.INVALID_NAME, problem.get());
        }
        HeldLock lock = locks.get(name);
        if (lock != null) {
            HeldLock.Hold hold = lock.holders.get(session.id);
            if (hold != null) {
                return reenter(lock, hold, acquire);
            }
            Optional<Integer> place = lock.position(session.id);
            if (place.isPresent()) {
                return new LockResult.Queued(name, place.get());
            }
        }
        boolean grantable = lock == null || lock.grantable(acquire.mode());
        if (!grantable && !acquire.queue()) {
            return new LockResult.Busy(name);
        }
        if (session.locks.size() >= LockLimits.MAX_LOCKS_PER_SESSION) {
            return failure(LockError.LIMIT_REACHED, "session " + session.id + " already holds or waits for "
                    + LockLimits.MAX_LOCKS_PER_SESSION + " locks");
        }
        if (!grantable && lock.queue.size() >= LockLimits.MAX_WAITERS_PER_LOCK) {
            return failure(LockError.LIMIT_REACHED, "lock '" + name + "' already has "
                    + LockLimits.MAX_WAITERS_PER_LOCK + " waiters");
        }
        HeldLock target = lock == null ? new HeldLock(name) : lock;
        locks.put(name, target);
        session.locks.add(name);
        if (grantable) {
            target.grant(session.id, acquire.mode(), index);
            return new LockResult.Granted(name, index);
        }
        target.queue.addLast(new LockResult.Waiter(session.id, acquire.mode()));
        return new LockResult.Queued(name, target.queue.size());
    }

    /** A holder asks again: one more hold with the same token, unless a reader asks to write. */
    private static LockResult reenter(HeldLock lock, HeldLock.Hold hold, LockCommand.Acquire acquire) {
        if (lock.mode == LockMode.SHARED && acquire.mode() == LockMode.EXCLUSIVE) {
            return failure(LockError.UPGRADE_NOT_SUPPORTED, "session " + acquire.session() + " holds '" + lock.name
                    + "' shared and cannot upgrade to exclusive; release it and acquire it again");
        }
        hold.count++;
        return new LockResult.Granted(lock.name, hold.token);
    }

    private LockResult release(long index, LiveSession session, String name) {
        HeldLock lock = locks.get(name);
        HeldLock.Hold hold = lock == null ? null : lock.holders.get(session.id);
        if (hold == null) {
            return failure(LockError.NOT_HELD, "session " + session.id + " does not hold '" + name + "'"
                    + (lock != null && lock.position(session.id).isPresent() ? "; it is waiting for it" : ""));
        }
        if (--hold.count > 0) {
            return new LockResult.Released(name, hold.count);
        }
        drop(index, session, lock);
        return new LockResult.Released(name, 0);
    }

    private LockResult cancel(LiveSession session, String name) {
        HeldLock lock = locks.get(name);
        if (lock != null && lock.holders.containsKey(session.id)) {
            return new LockResult.Granted(name, lock.holders.get(session.id).token);
        }
        if (lock == null || !lock.dequeue(session.id)) {
            return failure(LockError.NOT_WAITING, "session " + session.id + " is not waiting for '" + name + "'");
        }
        session.locks.remove(name);
        forgetIfIdle(lock);
        return new LockResult.Cancelled(name);
    }

    /** The session ends: every hold is released and every wait cancelled, and waiters get what it freed. */
    private void end(LiveSession session, long index) {
        sessions.remove(session.id);
        for (String name : List.copyOf(session.locks)) {
            HeldLock lock = locks.get(name);
            if (lock.holders.containsKey(session.id)) {
                drop(index, session, lock);
            } else {
                lock.dequeue(session.id);
                forgetIfIdle(lock);
            }
        }
    }

    /** Removes the session's hold and grants the lock onwards, with this command's index as the new token. */
    private void drop(long index, LiveSession session, HeldLock lock) {
        lock.holders.remove(session.id);
        session.locks.remove(lock.name);
        lock.grantWaiters(index);
        forgetIfIdle(lock);
    }

    private void forgetIfIdle(HeldLock lock) {
        if (lock.idle()) {
            locks.remove(lock.name);
        }
    }

    private LockResult missingSession(long id) {
        return expired.contains(id)
                ? failure(LockError.SESSION_EXPIRED, "session " + id + " expired: it was not kept alive within its"
                        + " time to live, and its locks were released")
                : failure(LockError.UNKNOWN_SESSION, "session " + id + " is not open: it was closed, expired long ago,"
                        + " or never existed");
    }

    LockResult query(LockQuery query) {
        if (query instanceof LockQuery.Holders holders) {
            HeldLock lock = locks.get(holders.name());
            return lock == null ? new LockResult.Holders(holders.name(), LockMode.EXCLUSIVE, List.of(), List.of())
                    : lock.describe();
        } else if (query instanceof LockQuery.SessionInfo info) {
            return sessionState(info.session());
        } else if (query instanceof LockQuery.AwaitGrant await) {
            return awaitOutcome(await).orElseGet(() -> new LockResult.Queued(await.name(),
                    locks.get(await.name()).position(await.session()).orElseThrow()));
        }
        int waiters = 0;
        for (HeldLock lock : locks.values()) {
            waiters += lock.queue.size();
        }
        return new LockResult.Overview(sessions.size(), locks.size(), waiters);
    }

    /**
     * How a wait ended, or empty while it goes on. The session's liveness is checked before anything else, so a
     * waiter whose session ended is never told it holds the lock (the bug behind etcd issue #11456).
     */
    Optional<LockResult> awaitOutcome(LockQuery.AwaitGrant await) {
        if (!sessions.containsKey(await.session())) {
            return Optional.of(missingSession(await.session()));
        }
        HeldLock lock = locks.get(await.name());
        if (lock != null && lock.holders.containsKey(await.session())) {
            return Optional.of(new LockResult.Granted(await.name(), lock.holders.get(await.session()).token));
        }
        if (lock == null || lock.position(await.session()).isEmpty()) {
            return Optional.of(failure(LockError.NOT_WAITING, "session " + await.session() + " is not waiting for '"
                    + await.name() + "'"));
        }
        return Optional.empty();
    }

    private LockResult sessionState(long id) {
        LiveSession session = sessions.get(id);
        if (session == null) {
            return missingSession(id);
        }
        List<String> held = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        for (String name : session.locks) {
            (locks.get(name).holders.containsKey(id) ? held : waiting).add(name);
        }
        return new LockResult.SessionState(id, session.ttlMillis, session.renewal, held, waiting);
    }

    /** The open sessions, for the leader's expiry checks; read on the apply thread only. */
    Collection<LiveSession> sessions() {
        return sessions.values();
    }

    Map<String, HeldLock> locks() {
        return locks;
    }

    RecentlyExpired expired() {
        return expired;
    }

    /** Replaces the whole state; used by restore. */
    void replaceWith(List<LiveSession> newSessions, List<HeldLock> newLocks, List<Long> newlyExpired) {
        sessions.clear();
        locks.clear();
        expired.clear();
        newSessions.forEach(session -> sessions.put(session.id, session));
        newLocks.forEach(lock -> locks.put(lock.name, lock));
        newlyExpired.forEach(expired::add);
    }

    private static LockResult failure(LockError error, String message) {
        return new LockResult.Failure(error, message);
    }
}
