package io.github.raftkit.core.simulation;

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
import java.util.Map;
import java.util.TreeMap;

/**
 * The register application's state machine: registers, 0 until a {@link RegisterCommand} writes them. A query is a
 * register's key and its answer the register's value. A snapshot is the number of registers written, then each
 * (key, value) in key order; the view is a copy, which a handful of registers makes cheap.
 */
final class RegisterStateMachine implements StateMachine {
    private static final byte[] NO_RESULT = new byte[0];

    private final Map<Integer, Long> registers = new TreeMap<>();

    @Override
    public List<byte[]> apply(List<Command> commands) {
        List<byte[]> results = new ArrayList<>(commands.size());
        for (Command command : commands) {
            RegisterCommand write = RegisterCommand.decode(command.payload());
            registers.put(write.key(), write.value());
            results.add(NO_RESULT);
        }
        return results;
    }

    @Override
    public byte[] query(byte[] query) {
        int key = ByteBuffer.wrap(query).getInt();
        return ByteBuffer.allocate(Long.BYTES).putLong(registers.getOrDefault(key, 0L)).array();
    }

    @Override
    public Snapshot snapshot() {
        Map<Integer, Long> copy = new TreeMap<>(registers);
        return out -> {
            DataOutputStream data = new DataOutputStream(out);
            data.writeInt(copy.size());
            for (Map.Entry<Integer, Long> register : copy.entrySet()) {
                data.writeInt(register.getKey());
                data.writeLong(register.getValue());
            }
            data.flush();
        };
    }

    @Override
    public void restore(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        registers.clear();
        for (int count = data.readInt(); count > 0; count--) {
            registers.put(data.readInt(), data.readLong());
        }
    }

    /** Register {@code key}'s value in {@code stateMachine}, asked the way a client asks: through a query. */
    static long read(StateMachine stateMachine, int key) {
        byte[] answer = stateMachine.query(ByteBuffer.allocate(Integer.BYTES).putInt(key).array());
        return ByteBuffer.wrap(answer).getLong();
    }
}
