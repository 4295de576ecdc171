package io.github.raftkit.examples.kv.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.raftkit.examples.kv.command.KeyValue;
import io.github.raftkit.server.cli.Printer;
import java.util.Optional;

/** An entry as the commands print it with {@code --json}: its key and value as UTF-8 text, and its revisions. */
final class EntryJson {
    private EntryJson() {
    }

    /** The entry, or JSON {@code null} for an absent one. */
    static JsonNode of(Optional<KeyValue> entry) {
        return entry.<JsonNode>map(EntryJson::of).orElse(NullNode.getInstance());
    }

    static ObjectNode of(KeyValue entry) {
        return Printer.object()
                .put("key", entry.key().utf8())
                .put("value", entry.value().utf8())
                .put("createRevision", entry.createRevision())
                .put("modRevision", entry.modRevision())
                .put("version", entry.version());
    }
}
