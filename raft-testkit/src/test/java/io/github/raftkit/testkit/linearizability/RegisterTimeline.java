package io.github.raftkit.testkit.linearizability;

import io.github.raftkit.testkit.linearizability.RegisterModel.Cas;
import io.github.raftkit.testkit.linearizability.RegisterModel.Input;
import io.github.raftkit.testkit.linearizability.RegisterModel.Read;
import io.github.raftkit.testkit.linearizability.RegisterModel.Write;

/** A register history written by hand as a {@link Timeline}. */
final class RegisterTimeline extends Timeline<Input, Long, RegisterTimeline> {

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

    @Override
    Model<?, Input, Long> model() {
        return new RegisterModel();
    }

    @Override
    RegisterTimeline self() {
        return this;
    }
}
