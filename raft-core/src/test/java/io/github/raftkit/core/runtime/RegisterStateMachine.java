package io.github.raftkit.core.runtime;

import io.github.raftkit.api.statemachine.Command;
import io.github.raftkit.api.statemachine.Snapshot;
import io.github.raftkit.api.statemachine.StateMachine;
import java.io.IOException;
import java.io.InputStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A register for tests: a query returns the last command applied, and the whole history of commands is kept so
 * that replicas can be compared. Each command's result is {@code "<index>:<command>"}. It can be made to block in
 * apply (to fill the pending queue) or to fail on a command (to stop its member).
 */
public class RegisterStateMachine implements StateMachine {
    /** A command that makes {@link #apply} throw. */
    public static final String FAIL = "fail";

    private final List<String> history = new ArrayList<>(); // guarded by itself: the test thread reads it
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile int restores;

    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public List<byte[]> apply(List<Command> commands) {
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        List<byte[]> results = new ArrayList<>();
        for (Command command : commands) {
            String value = text(command.payload());
            if (value.equals(FAIL)) {
                throw new IllegalArgumentException("told to fail at index " + command.index());
            }
            synchronized (history) {
                history.add(value);
            }
            results.add(bytes(command.index() + ":" + value));
        }
        return results;
    }

    @Override
    public byte[] query(byte[] query) {
        synchronized (history) {
            return bytes(history.isEmpty() ? "" : history.get(history.size() - 1));
        }
    }

    /** Every command applied so far, in order. */
    public List<String> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    /** Makes {@link #apply} wait until {@link #release()}. */
    public void block() {
        gate = new CountDownLatch(1);
    }

    public void release() {
        gate.countDown();
    }

    /** The history so far, copied on the apply thread: the copy is the immutable view the snapshot thread writes. */
    @Override
    public Snapshot snapshot() {
        List<String> view = history();
        return out -> {
            DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out));
            data.writeInt(view.size());
            for (String value : view) {
                data.writeUTF(value);
            }
            data.flush();
        };
    }

    @Override
    public void restore(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(new BufferedInputStream(in));
        List<String> restored = new ArrayList<>();
        for (int i = data.readInt(); i > 0; i--) {
            restored.add(data.readUTF());
        }
        synchronized (history) {
            history.clear();
            history.addAll(restored);
        }
        restores++;
    }

    /** How many times a snapshot replaced the state. */
    public int restores() {
        return restores;
    }
}
