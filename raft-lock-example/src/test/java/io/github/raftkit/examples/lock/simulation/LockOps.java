package io.github.raftkit.examples.lock.simulation;

import io.github.raftkit.testkit.linearizability.LockModel;
import io.github.raftkit.testkit.linearizability.OpStatus;
import io.github.raftkit.testkit.linearizability.Operation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated clients' history of acquires, releases and expiries, for {@link LockModel}. Times are simulated
 * milliseconds, scaled so that operations recorded at the same millisecond keep the order they were recorded in; an
 * expiry is recorded afterwards with the past instant its holder stopped believing it held the lock.
 */
final class LockOps {
    /** Sub-millisecond steps, so that operations within one millisecond stay ordered. */
    private static final long STEPS_PER_MILLI = 1_000_000;

    private record Open(int client, String lock, LockModel.Input input, long invokedAt) {
    }

    private final List<Operation<LockModel.Input, LockModel.Output>> done = new ArrayList<>();
    private final Map<Long, Open> open = new HashMap<>();
    private long nextId = 1;
    private long lastTime;

    private long time(long millis) {
        lastTime = Math.max(lastTime + 1, millis * STEPS_PER_MILLI);
        return lastTime;
    }

    long invoke(int client, String lock, LockModel.Input input, long nowMillis) {
        long id = nextId++;
        open.put(id, new Open(client, lock, input, time(nowMillis)));
        return id;
    }

    void ok(long id, LockModel.Output output, long nowMillis) {
        complete(id, output, OpStatus.OK, nowMillis);
    }

    void fail(long id, long nowMillis) {
        complete(id, null, OpStatus.FAIL, nowMillis);
    }

    void info(long id) {
        Open op = open.remove(id);
        done.add(new Operation<>(id, op.client(), op.lock(), op.input(), null, op.invokedAt(), Long.MAX_VALUE,
                OpStatus.INFO));
    }

    /** The holder's session may have expired from {@code sinceMillis} on: an indeterminate release from then. */
    void expiry(int client, String lock, long owner, long sinceMillis) {
        long id = nextId++;
        done.add(new Operation<>(id, client, lock, new LockModel.Expire(owner), null, sinceMillis * STEPS_PER_MILLI,
                Long.MAX_VALUE, OpStatus.INFO));
    }

    private void complete(long id, LockModel.Output output, OpStatus status, long nowMillis) {
        Open op = open.remove(id);
        done.add(new Operation<>(id, op.client(), op.lock(), op.input(), output, op.invokedAt(), time(nowMillis),
                status));
    }

    /** Every operation, those still open as indeterminate, in invocation order. */
    List<Operation<LockModel.Input, LockModel.Output>> operations() {
        List<Operation<LockModel.Input, LockModel.Output>> all = new ArrayList<>(done);
        open.forEach((id, op) -> all.add(new Operation<>(id, op.client(), op.lock(), op.input(), null,
                op.invokedAt(), Long.MAX_VALUE, OpStatus.INFO)));
        all.sort((a, b) -> Long.compare(a.invokedAt(), b.invokedAt()));
        return all;
    }
}
