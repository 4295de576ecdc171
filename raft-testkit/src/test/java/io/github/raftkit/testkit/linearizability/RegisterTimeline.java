package io.github.raftkit.testkit.linearizability;

import io.github.raftkit.testkit.linearizability.RegisterModel.Cas;
import io.github.raftkit.testkit.linearizability.RegisterModel.Input;
import io.github.raftkit.testkit.linearizability.RegisterModel.Read;
import io.github.raftkit.testkit.linearizability.RegisterModel.Write;
import java.util.ArrayList;
import java.util.List;

/**
 * A register history written by hand as a timeline: each line is one client's operation with the times it was invoked
 * and returned. Operations go to key "x" until {@link #on} names another.
 */
final class RegisterTimeline {
    static final long BUDGET = 100_000;

    private final List<Operation<Input, Long>> ops = new ArrayList<>();
    private String key = "x";

    RegisterTimeline on(String key) {
        this.key = key;
        return this;
    }

    RegisterTimeline write(int client, long value, long invoked, long returned) {
        return add(client, new Write(value), null, invoked, returned, OpStatus.OK);
    }

    RegisterTimeline read(int client, long value, long invoked, long returned) {
        return add(client, new Read(), value, invoked, returned, OpStatus.OK);
    }

    RegisterTimeline cas(int client, long expected, long next, boolean swapped, long invoked, long returned) {
        return add(client, new Cas(expected, next), swapped ? RegisterModel.SWAPPED : RegisterModel.NOT_SWAPPED,
                invoked, returned, OpStatus.OK);
    }

    /** A write whose client gave up waiting: it may have taken effect at any time after {@code invoked}, or never. */
    RegisterTimeline timedOutWrite(int client, long value, long invoked) {
        return add(client, new Write(value), null, invoked, invoked, OpStatus.INFO);
    }

    /** A write refused before it could take effect. */
    RegisterTimeline failedWrite(int client, long value, long invoked, long returned) {
        return add(client, new Write(value), null, invoked, returned, OpStatus.FAIL);
    }

    List<Operation<Input, Long>> operations() {
        return List.copyOf(ops);
    }

    CheckResult check() {
        return LinearizabilityChecker.check(new RegisterModel(), operations(), BUDGET);
    }

    private RegisterTimeline add(int client, Input input, Long output, long invoked, long returned, OpStatus status) {
        ops.add(new Operation<>(ops.size() + 1, client, key, input, output, invoked, returned, status));
        return this;
    }
}
