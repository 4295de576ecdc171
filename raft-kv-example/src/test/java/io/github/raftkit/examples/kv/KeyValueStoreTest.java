package io.github.raftkit.examples.kv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.raftkit.api.statemachine.Command;
import io.github.raftkit.api.statemachine.Snapshot;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyValueStoreTest {
    private final KeyValueStore store = new KeyValueStore();

    private String apply(long index, String command) {
        return new String(store.apply(List.of(new Command(index, 1, command.getBytes(UTF_8)))).get(0), UTF_8);
    }

    private String query(KeyValueStore target, String query) {
        return new String(target.query(query.getBytes(UTF_8)), UTF_8);
    }

    @Test
    void putGetAndDeleteReportTheRevision() {
        assertEquals("OK revision 2", apply(2, "put color blue sky"));
        assertEquals("blue sky", query(store, "get color"));
        assertEquals("DELETED revision 3", apply(3, "del color"));
        assertEquals("NOT FOUND revision 4", apply(4, "del color"));
        assertEquals("(nil)", query(store, "get color"));
    }

    @Test
    void invalidCommandsAreAppliedAsErrorsNotExceptions() {
        assertEquals("ERROR unknown command 'frobnicate x'", apply(2, "frobnicate x"));
        assertEquals("ERROR unknown query 'scan'", query(store, "scan"));
    }

    @Test
    void aSnapshotRestoresTheSameMap() throws IOException {
        apply(2, "put a 1");
        apply(3, "put b 2");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Snapshot view = store.snapshot();
        apply(4, "put a changed-after-the-view");
        view.writeTo(out);

        KeyValueStore restored = new KeyValueStore();
        restored.restore(new ByteArrayInputStream(out.toByteArray()));

        assertEquals("1", query(restored, "get a"), "the view is the state when it was taken");
        assertEquals("2", query(restored, "get b"));
    }
}
