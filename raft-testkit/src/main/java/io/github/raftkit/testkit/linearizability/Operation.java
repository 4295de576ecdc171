package io.github.raftkit.testkit.linearizability;

import java.util.Objects;

/**
 * One client operation on one key, as the client saw it. Times are in the units of whatever clock recorded the
 * history; an operation precedes another in real time only if it returned strictly before the other was invoked.
 * Immutable: safe to share between threads if {@code input} and {@code output} are.
 *
 * @param id unique within a history
 * @param client who issued it (for reports; the checker does not assume a client's operations are sequential)
 * @param key the object it acted on; operations on different keys are checked independently
 * @param input what was asked
 * @param output what was answered; {@code null} for {@link OpStatus#FAIL} and {@link OpStatus#INFO}
 * @param invokedAt when the client sent it
 * @param returnedAt when the client got the answer; ignored for {@link OpStatus#INFO}, which counts as +infinity
 * @param status what the client learned about the outcome
 */
public record Operation<I, O>(long id, int client, String key, I input, O output, long invokedAt, long returnedAt,
                              OpStatus status) {

    public Operation {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(status, "status");
        if (status != OpStatus.OK && output != null) {
            throw new IllegalArgumentException("operation " + id + " is " + status + ", so the client saw no output,"
                    + " but it carries " + output);
        }
        if (status != OpStatus.INFO && returnedAt < invokedAt) {
            throw new IllegalArgumentException("operation " + id + " returned at " + returnedAt
                    + " before it was invoked at " + invokedAt);
        }
    }
}
