package io.github.raftkit.core.testing;

import io.github.raftkit.api.statemachine.Command;
import io.github.raftkit.api.statemachine.Snapshot;
import io.github.raftkit.api.statemachine.StateMachine;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A test state machine shared by the modules' cluster tests (through raft-core's test-jar): commands are 4-byte
 * numbers, recorded in apply order, so that two replicas can be compared whole. The server applies on
 * one thread; the test reads from another, hence the synchronized reads.
 */
public final class AppendOnlyStateMachine implements StateMachine {
    private static final byte[] OK = new byte[0];
    private final List<Integer> applied = new ArrayList<>();

    @Override
    public synchronized List<byte[]> apply(List<Command> commands) {
        List<byte[]> results = new ArrayList<>(commands.size());
        for (Command command : commands) {
            applied.add(ByteBuffer.wrap(command.payload()).getInt());
            results.add(OK);
        }
        return results;
    }

    @Override
    public synchronized byte[] query(byte[] query) {
        return ByteBuffer.allocate(4).putInt(applied.size()).array();
    }

    /** A copy taken on the apply thread; writing it does not hold up applying. */
    @Override
    public synchronized Snapshot snapshot() {
        List<Integer> copy = List.copyOf(applied);
        return out -> {
            DataOutputStream data = new DataOutputStream(out);
            data.writeInt(copy.size());
            for (int value : copy) {
                data.writeInt(value);
            }
            data.flush();
        };
    }

    @Override
    public synchronized void restore(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int size = data.readInt();
        applied.clear();
        for (int i = 0; i < size; i++) {
            applied.add(data.readInt());
        }
    }

    public synchronized int size() {
        return applied.size();
    }

    public synchronized List<Integer> values() {
        return List.copyOf(applied);
    }
}
