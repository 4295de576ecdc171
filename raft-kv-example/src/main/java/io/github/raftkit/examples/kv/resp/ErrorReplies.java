package io.github.raftkit.examples.kv.resp;

import io.github.raftkit.api.error.NotLeaderException;
import io.github.raftkit.api.error.OverloadedException;
import io.github.raftkit.api.error.RaftException;
import io.github.raftkit.api.error.RaftTimeoutException;
import io.github.raftkit.api.error.ShutdownException;
import io.github.raftkit.examples.kv.client.KvException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RESP error a failed command answers. {@code -TRYAGAIN} only where nothing was done, so that a client that retries
 * on it never applies a write twice; {@code -ERR} for the rest, including timeouts, after which a write's outcome is
 * unknown. Stateless; any thread.
 */
final class ErrorReplies {
    static final String NOT_AN_INTEGER = "ERR value is not an integer or out of range";

    private static final Logger LOG = LoggerFactory.getLogger(ErrorReplies.class);

    private ErrorReplies() {
    }

    static Reply.Error of(Throwable failure) {
        Throwable cause = unwrapped(failure);
        if (cause instanceof KvException refused) {
            return switch (refused.error()) {
                case NOT_AN_INTEGER -> new Reply.Error(NOT_AN_INTEGER);
                case OVERFLOW -> new Reply.Error("ERR increment or decrement would overflow");
                case KEY_TOO_LARGE, VALUE_TOO_LARGE, INVALID_ARGUMENT, MALFORMED ->
                        new Reply.Error("ERR " + refused.getMessage());
            };
        }
        if (cause instanceof OverloadedException || cause instanceof NotLeaderException) {
            return new Reply.Error("TRYAGAIN nothing was done, the cluster is busy or has no leader: "
                    + cause.getMessage());
        }
        if (cause instanceof RaftTimeoutException) {
            return new Reply.Error("ERR timeout: " + cause.getMessage());
        }
        if (cause instanceof ShutdownException) {
            return new Reply.Error("ERR shutting down: " + cause.getMessage());
        }
        if (cause instanceof RaftException) {
            return new Reply.Error("ERR cluster error: " + cause.getMessage());
        }
        LOG.warn("a Redis command failed unexpectedly", cause);
        return new Reply.Error("ERR internal error: " + cause);
    }

    private static Throwable unwrapped(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
