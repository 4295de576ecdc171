package io.github.raftkit.core.client;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.client.ClientError;
import io.github.raftkit.api.client.ClientReply;
import io.github.raftkit.api.client.ClientRequest;
import io.github.raftkit.api.error.RaftException;
import io.github.raftkit.api.error.RaftTimeoutException;
import io.github.raftkit.api.error.RequestRejectedException;
import io.github.raftkit.api.error.ResultUnavailableException;
import io.github.raftkit.api.error.SessionExpiredException;
import io.github.raftkit.api.error.ShutdownException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One request's attempts, until a member answers it, refuses it for good, or its deadline passes. A redirect is
 * followed at once (once in a row; then with back-off, so two members naming each other cannot spin it); a busy,
 * stopping or silent member is retried after a pause, elsewhere when it seems gone.
 *
 * <p>It also tracks whether an attempt may have taken effect without the client learning so (a timeout, a lost
 * connection, a member that failed while deciding): only a write that surely never took effect may start over in a new
 * session. Thread-safe: attempts run one at a time, each started by the previous one's completion or the timer.
 */
final class Call {
    private final ClusterClient client;
    private final String what;
    private final long deadlineNanos;
    private final long heldNanos;
    private final Supplier<ClientRequest> request;
    private final CompletableFuture<ClientReply> outcome = new CompletableFuture<>();
    private volatile boolean maybeApplied;
    private int attempts;
    private int retries;
    private boolean redirectedLast;
    private String lastProblem = "no member answered";

    /** {@code held}: how long a member may hold the request before answering, added to each attempt's timeout. */
    Call(ClusterClient client, String what, long deadlineNanos, Duration held, Supplier<ClientRequest> request) {
        this.client = client;
        this.what = what;
        this.deadlineNanos = deadlineNanos;
        this.heldNanos = held.toNanos();
        this.request = request;
    }

    /** Starts the first attempt; the future completes with a served reply, or fails with a {@link RaftException}. */
    CompletableFuture<ClientReply> start() {
        attempt();
        return outcome;
    }

    /** Whether an attempt may have been applied although no answer said so. */
    boolean maybeApplied() {
        return maybeApplied;
    }

    private synchronized void attempt() {
        if (client.closed()) {
            outcome.completeExceptionally(new ShutdownException("the client was closed before " + what
                    + " was answered"));
            return;
        }
        long remaining = deadlineNanos - client.nanoTime();
        if (remaining <= 0) {
            outcome.completeExceptionally(new RaftTimeoutException(what + " was not answered within "
                    + client.config().requestTimeout().toMillis() + " ms after " + attempts + " attempts"
                    + (maybeApplied ? "; it may or may not have been applied" : "") + "; last: " + lastProblem));
            return;
        }
        attempts++;
        Endpoint to = client.leader().target();
        long timeout = Math.min(client.config().attemptTimeout().toNanos() + heldNanos, remaining);
        client.transport().call(to, request.get(), Duration.ofNanos(timeout))
                .whenComplete((reply, error) -> answered(to, reply, error));
    }

    private synchronized void answered(Endpoint to, ClientReply reply, Throwable error) {
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            maybeApplied = true;
            lastProblem = to + ": " + cause.getMessage();
            client.leader().skip(to);
            retryLater();
        } else if (reply instanceof ClientReply.Rejected rejected) {
            rejected(to, rejected);
        } else {
            outcome.complete(reply);
        }
    }

    private void rejected(Endpoint to, ClientReply.Rejected rejected) {
        lastProblem = to + ": " + rejected.message();
        ClientError error = rejected.error();
        switch (error) {
            case NOT_LEADER -> {
                boolean redirect = rejected.leader().filter(leader -> !leader.equals(to)).isPresent();
                if (redirect) {
                    client.leader().redirect(rejected.leader().get());
                } else {
                    client.leader().skip(to);
                }
                if (redirect && !redirectedLast) {
                    redirectedLast = true;
                    client.retried();
                    client.timer().execute(this::attempt);
                    return;
                }
                retryLater();
            }
            case OVERLOADED -> retryLater();
            case TIMEOUT -> {
                maybeApplied = true;
                retryLater();
            }
            case SHUTDOWN, INTERNAL -> {
                maybeApplied = true;
                client.leader().skip(to);
                retryLater();
            }
            case SESSION_EXPIRED -> outcome.completeExceptionally(new SessionExpiredException(rejected.message()));
            case RESULT_UNAVAILABLE -> outcome.completeExceptionally(
                    new ResultUnavailableException(rejected.message()));
            default -> outcome.completeExceptionally(new RequestRejectedException(error, rejected.message()));
        }
    }

    private void retryLater() {
        redirectedLast = false;
        retries++;
        client.retried();
        long remaining = deadlineNanos - client.nanoTime();
        long pause = Math.max(0, Math.min(client.backoff().pauseNanos(retries), remaining));
        client.timer().schedule(this::attempt, pause, TimeUnit.NANOSECONDS);
    }
}
