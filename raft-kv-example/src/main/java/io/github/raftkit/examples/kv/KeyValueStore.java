package io.github.raftkit.examples.kv;

import io.github.raftkit.api.statemachine.Command;
import io.github.raftkit.api.statemachine.Snapshot;
import io.github.raftkit.api.statemachine.StateMachine;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A replicated map of strings, the state machine of the key-value example. Commands and queries are text, so that a
 * demo reads plainly: {@code put KEY VALUE} and {@code del KEY} change the map; {@code get KEY} reads it. Every result
 * names the log index that produced it, the revision a client can compare (as etcd does).
 *
 * <p>Called by the server's apply thread only, so it needs no locks; it reads no clock and no randomness, so every
 * replica computes the same map.
 */
public final class KeyValueStore implements StateMachine {
    private final Map<String, String> values = new TreeMap<>();

    @Override
    public List<byte[]> apply(List<Command> commands) {
        List<byte[]> results = new ArrayList<>(commands.size());
        for (Command command : commands) {
            results.add(text(applyOne(command.index(), new String(command.payload(), StandardCharsets.UTF_8))));
        }
        return results;
    }

    private String applyOne(long index, String command) {
        String[] words = command.split(" ", 3);
        if (words[0].equals("put") && words.length == 3) {
            values.put(words[1], words[2]);
            return "OK revision " + index;
        }
        if (words[0].equals("del") && words.length == 2) {
            return (values.remove(words[1]) != null ? "DELETED" : "NOT FOUND") + " revision " + index;
        }
        // An invalid command is still applied, identically everywhere: as an error result, never an exception.
        return "ERROR unknown command '" + command + "'";
    }

    @Override
    public byte[] query(byte[] query) {
        String[] words = new String(query, StandardCharsets.UTF_8).split(" ", 2);
        if (words[0].equals("get") && words.length == 2) {
            return text(values.getOrDefault(words[1], "(nil)"));
        }
        return text("ERROR unknown query '" + String.join(" ", words) + "'");
    }

    /**
     * A copy of the map, taken on the apply thread and written on the snapshot thread. Copying is linear in the map's
     * size, which suits an example; a large store would hand out a persistent or copy-on-write map instead.
     */
    @Override
    public Snapshot snapshot() {
        Map<String, String> view = new TreeMap<>(values);
        return out -> {
            DataOutputStream data = new DataOutputStream(out);
            data.writeInt(view.size());
            for (var entry : view.entrySet()) {
                data.writeUTF(entry.getKey());
                data.writeUTF(entry.getValue());
            }
            data.flush();
        };
    }

    @Override
    public void restore(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        values.clear();
        for (int i = data.readInt(); i > 0; i--) {
            values.put(data.readUTF(), data.readUTF());
        }
    }

    private static byte[] text(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
