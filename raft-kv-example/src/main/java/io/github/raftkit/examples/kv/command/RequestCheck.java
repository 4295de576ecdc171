package io.github.raftkit.examples.kv.command;

import java.util.List;
import java.util.Optional;

/**
 * Decides whether a request is acceptable: sizes within {@link KvLimits}, at least one key, limits of at least 1.
 * The store runs it in {@code apply}, where it must give the same answer on every replica (so it reads nothing but
 * the request and the limits); a client runs it before sending, to fail early with the same error.
 */
public final class RequestCheck {
    private final KvLimits limits;

    public RequestCheck(KvLimits limits) {
        this.limits = limits;
    }

    /** Why {@code command} is refused, if it is. */
    public Optional<KvResult.Failure> check(KvCommand command) {
        if (command instanceof KvCommand.Malformed malformed) {
            return failure(KvError.MALFORMED, malformed.reason());
        }
        if (command.keys().isEmpty()) {
            return failure(KvError.INVALID_ARGUMENT, "the command names no key");
        }
        if (command instanceof KvCommand.CompareAndSet cas && cas.expectedModRevision() < 0) {
            return failure(KvError.INVALID_ARGUMENT, "an expected revision is 0 (absent) or more, got "
                    + cas.expectedModRevision());
        }
        return sizes(command.keys(), command.values());
    }

    /** Why {@code query} is refused, if it is. Keys read are not held to the size limit: a long one is just absent. */
    public Optional<KvResult.Failure> check(KvQuery query) {
        if (query instanceof KvQuery.Malformed malformed) {
            return failure(KvError.MALFORMED, malformed.reason());
        }
        if (query instanceof KvQuery.Get get && get.keys().isEmpty()
                || query instanceof KvQuery.Exists exists && exists.keys().isEmpty()) {
            return failure(KvError.INVALID_ARGUMENT, "the query names no key");
        }
        int limit = query instanceof KvQuery.Scan scan ? scan.limit()
                : query instanceof KvQuery.Keys keys ? keys.limit() : 1;
        if (limit < 1) {
            return failure(KvError.INVALID_ARGUMENT, "limit must be at least 1, got " + limit);
        }
        return Optional.empty();
    }

    private Optional<KvResult.Failure> sizes(List<Bytes> keys, List<Bytes> values) {
        for (Bytes key : keys) {
            if (key.length() > limits.maxKeyBytes()) {
                return failure(KvError.KEY_TOO_LARGE, "key " + abbreviated(key) + " is " + key.length()
                        + " bytes, more than the limit of " + limits.maxKeyBytes());
            }
        }
        for (Bytes value : values) {
            if (value.length() > limits.maxValueBytes()) {
                return failure(KvError.VALUE_TOO_LARGE, "a value is " + value.length()
                        + " bytes, more than the limit of " + limits.maxValueBytes());
            }
        }
        return Optional.empty();
    }

    private static Optional<KvResult.Failure> failure(KvError error, String message) {
        return Optional.of(new KvResult.Failure(error, message));
    }

    private static String abbreviated(Bytes key) {
        String text = key.toString();
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
