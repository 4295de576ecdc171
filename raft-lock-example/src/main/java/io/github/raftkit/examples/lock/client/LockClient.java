package io.github.raftkit.examples.lock.client;

import io.github.raftkit.api.ReadConsistency;
import io.github.raftkit.api.client.ClientConfig;
import io.github.raftkit.api.client.RaftClient;
import io.github.raftkit.api.error.RaftException;
import io.github.raftkit.core.assembly.RaftClients;
import io.github.raftkit.examples.lock.command.LockCodec;
import io.github.raftkit.examples.lock.command.LockCommand;
import io.github.raftkit.examples.lock.command.LockError;
import io.github.raftkit.examples.lock.command.LockMode;
import io.github.raftkit.examples.lock.command.LockNames;
import io.github.raftkit.examples.lock.command.LockQuery;
import io.github.raftkit.examples.lock.command.LockResult;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A client of the lock service. It opens one session on first use, keeps it alive from a background thread every
 * third of its time to live, and tells {@link SessionListener}s when it is lost; after a loss the next acquire opens
 * a new session. A waiting acquire is answered the moment the service grants the lock: it holds a read at a member
 * that answers on the grant, rather than polling.
 *
 * <pre>{@code
 * try (LockClient locks = LockClient.connect(config, Duration.ofSeconds(10));
 *      Lock lock = locks.acquire("reports")) {
 *     storage.write(report, lock.fencingToken()); // the storage refuses tokens lower than the highest it saw
 * }
 * }</pre>
 *
 * <p>Thread-safe; the blocking methods wait on the calling thread. Failures throw {@link LockException} when the
 * service refused (with its {@link LockError}), or the {@link RaftException} of the underlying {@link RaftClient}
 * when the cluster could not be reached in time.
 */
public final class LockClient implements AutoCloseable {
    /** The time to live of a session unless another is asked for. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(10);
    /** The longest a waiting acquire asks a member to hold one read; it then asks again. */
    private static final Duration LONGEST_HOLD = Duration.ofSeconds(2);

    private final RaftClient raft;
    private final long ttlMillis;
    private final ScheduledExecutorService timer;
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();
    private LockSession session; // guarded by this

    /**
     * A client over {@code raft}, which it owns and closes (also when the time to live is refused), with sessions
     * that live {@code ttl} unrenewed.
     */
    public LockClient(RaftClient raft, Duration ttl) {
        Optional<String> problem = LockNames.ttlProblem(ttl.toMillis());
        if (problem.isPresent()) {
            raft.close();
            throw new IllegalArgumentException(problem.get());
        }
        this.raft = raft;
        this.ttlMillis = ttl.toMillis();
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "raft-lock-keepalive");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(1, ttlMillis / 3);
        timer.scheduleWithFixedDelay(this::keepAlive, every, every, TimeUnit.MILLISECONDS);
    }

    /** A client of the cluster {@code config} names. */
    public static LockClient connect(ClientConfig config, Duration ttl) {
        return new LockClient(RaftClients.connect(config), ttl);
    }

    /** Adds a listener for the loss of this client's sessions. */
    public void addSessionListener(SessionListener listener) {
        listeners.add(listener);
    }

    /** The current session's id, opening one if there is none. */
    public long sessionId() {
        return session().id();
    }

    /** Acquires {@code name} exclusively, waiting as long as it takes. */
    public Lock acquire(String name) {
        return acquire(name, LockMode.EXCLUSIVE);
    }

    /** Acquires {@code name} in {@code mode}, waiting as long as it takes (or until the session is lost). */
    public Lock acquire(String name, LockMode mode) {
        return acquire(name, mode, Long.MAX_VALUE, true).orElseThrow();
    }

    /**
     * Acquires {@code name} in {@code mode} if it can within {@code wait}; zero means only if it is free now.
     * Empty if it could not.
     */
    public Optional<Lock> tryAcquire(String name, LockMode mode, Duration wait) {
        if (wait.isNegative()) {
            throw new IllegalArgumentException("a wait cannot be negative: " + wait);
        }
        return acquire(name, mode, saturatedDeadline(wait), !wait.isZero());
    }

    /** Who holds {@code name} and who waits for it, as of a linearizable read. */
    public LockResult.Holders holders(String name) {
        checkName(name);
        LockResult result = query(new LockQuery.Holders(name), Duration.ZERO);
        return (LockResult.Holders) result;
    }

    private Optional<Lock> acquire(String name, LockMode mode, long deadline, boolean queue) {
        checkName(name);
        LockSession current = session();
        LockResult result = submit(current, new LockCommand.Acquire(current.id(), name, mode, queue));
        while (result instanceof LockResult.Queued) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                result = submit(current, new LockCommand.Cancel(current.id(), name));
                break;
            }
            if (!current.alive()) {
                throw new LockException(LockError.SESSION_EXPIRED, "session " + current.id() + " was lost while"
                        + " waiting for '" + name + "'");
            }
            Duration hold = Duration.ofNanos(Math.min(remaining, LONGEST_HOLD.toNanos()));
            result = query(new LockQuery.AwaitGrant(current.id(), name), hold);
            failIfSessionEnded(current, result);
        }
        if (result instanceof LockResult.Granted granted) {
            return Optional.of(granted(current, granted, mode));
        }
        if (result instanceof LockResult.Busy || result instanceof LockResult.Cancelled) {
            return Optional.empty();
        }
        throw unexpected(result);
    }

    private Lock granted(LockSession current, LockResult.Granted granted, LockMode mode) {
        if (!current.alive()) {
            // The grant may have outlived the session by the time it got here: someone else may hold it already.
            throw new LockException(LockError.SESSION_EXPIRED, "'" + granted.name() + "' was granted to session "
                    + current.id() + ", but that session may have expired before the grant arrived");
        }
        return new Lock(this, current, granted.name(), mode, granted.token());
    }

    /** Releases one hold; called by {@link Lock#close()}. */
    void release(LockSession holder, String name) {
        LockResult result = submit(holder, new LockCommand.Release(holder.id(), name));
        if (!(result instanceof LockResult.Released)) {
            throw unexpected(result);
        }
    }

    /** The live session, or a new one if there is none or it was lost. */
    private synchronized LockSession session() {
        if (session == null || !session.alive()) {
            if (session != null) {
                session.lose("the session was past its time to live when it was next used");
            }
            long sent = System.nanoTime();
            LockResult result = decode(raft.submit(LockCodec.encode(new LockCommand.OpenSession(ttlMillis))));
            if (!(result instanceof LockResult.SessionOpened opened)) {
                throw unexpected(result);
            }
            session = new LockSession(opened.session(), ttlMillis, sent, System::nanoTime, timer, listeners);
        }
        return session;
    }

    /** Sends a command of {@code from}'s, counting it as a renewal once applied. */
    private LockResult submit(LockSession from, LockCommand command) {
        long sent = System.nanoTime();
        LockResult result = decode(raft.submit(LockCodec.encode(command)));
        failIfSessionEnded(from, result);
        from.renewed(sent);
        return result;
    }

    private LockResult query(LockQuery query, Duration hold) {
        try {
            return decode(raft.queryAsync(LockCodec.encode(query), ReadConsistency.LINEARIZABLE, hold).join());
        } catch (CompletionException e) {
            // The same exceptions as the synchronous calls throw: the RaftException itself.
            throw e.getCause() instanceof RaftException raftException ? raftException : e;
        }
    }

    private void keepAlive() {
        LockSession current;
        synchronized (this) {
            current = session;
        }
        if (current == null || !current.alive()) {
            return;
        }
        long sent = System.nanoTime();
        raft.submitAsync(LockCodec.encode(new LockCommand.KeepAlive(current.id()))).whenComplete((bytes, error) -> {
            if (error != null) {
                return; // unreachable for now: the watchdog declares the session lost if this goes on too long
            }
            LockResult result = decode(bytes);
            if (result instanceof LockResult.Renewed) {
                current.renewed(sent);
            } else if (result instanceof LockResult.Failure failure) {
                current.lose(failure.message());
            }
        });
    }

    private static void failIfSessionEnded(LockSession session, LockResult result) {
        if (result instanceof LockResult.Failure failure && (failure.error() == LockError.SESSION_EXPIRED
                || failure.error() == LockError.UNKNOWN_SESSION)) {
            session.lose(failure.message());
            throw new LockException(failure.error(), failure.message());
        }
    }

    private static LockException unexpected(LockResult result) {
        if (result instanceof LockResult.Failure failure) {
            return new LockException(failure.error(), failure.message());
        }
        return new LockException(LockError.MALFORMED, "unexpected answer from the lock service: " + result);
    }

    private static LockResult decode(byte[] bytes) {
        return LockCodec.decodeResult(bytes);
    }

    private static void checkName(String name) {
        LockNames.problem(name).ifPresent(problem -> {
            throw new LockException(LockError.INVALID_NAME, problem);
        });
    }

    private static long saturatedDeadline(Duration wait) {
        long now = System.nanoTime();
        long nanos = wait.compareTo(Duration.ofDays(365)) > 0 ? Long.MAX_VALUE / 2 : wait.toNanos();
        return now + nanos;
    }

    /** Closes the session (its locks are released at once rather than after its time to live) and the client. */
    @Override
    public void close() {
        timer.shutdownNow();
        LockSession current;
        synchronized (this) {
            current = session;
        }
        try {
            if (current != null && current.alive()) {
                raft.submit(LockCodec.encode(new LockCommand.CloseSession(current.id())));
            }
        } catch (RaftException unreachable) {
            // The session then expires after its time to live, which frees its locks just the same.
        } finally {
            raft.close();
        }
    }
}
