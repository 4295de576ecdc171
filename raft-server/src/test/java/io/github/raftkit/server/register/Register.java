package io.github.raftkit.server.register;

import io.github.raftkit.api.statemachine.Command;
import io.github.raftkit.api.statemachine.Snapshot;
import io.github.raftkit.api.statemachine.StateMachine;
import io.github.raftkit.api.statemachine.StateMachineProvider;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.List;

/**
 * A state machine as small as one can be, for this module's tests: one register that each command overwrites with its
 * payload, and that a query reads. The register's bytes are never changed in place, so they are their own snapshot.
 */
public final class Register implements StateMachine {
    private byte[] value = new byte[0];

    @Override
    public List<byte[]> apply(List<Command> commands) {
        if (!commands.isEmpty()) {
            value = commands.get(commands.size() - 1).payload();
        }
        return Collections.nCopies(commands.size(), new byte[0]);
    }

    @Override
    public byte[] query(byte[] query) {
        return value;
    }

    @Override
    public Snapshot snapshot() {
        byte[] current = value;
        return out -> out.write(current);
    }

    @Override
    public void restore(InputStream in) throws IOException {
        value = in.readAllBytes();
    }

    /** Registered in this module's test {@code META-INF/services} under the name {@code register}. */
    public static final class Provider implements StateMachineProvider {
        @Override
        public String name() {
            return "register";
        }

        @Override
        public StateMachine create() {
            return new Register();
        }
    }
}
