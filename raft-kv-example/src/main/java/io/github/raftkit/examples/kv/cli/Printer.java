package io.github.raftkit.examples.kv.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.raftkit.examples.kv.command.KeyValue;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command's output: a line for people, or with {@code --json} one JSON document for scripts, on the command's
 * standard output. Keys and values are shown as UTF-8 text. Notes and errors go to standard error in both modes.
 */
final class Printer {
    static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--json", description = "Print one JSON document instead of text, for scripts.")
    boolean json;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** Prints {@code text} (nothing at all when it is empty), or {@code document} with {@code --json}. */
    void print(String text, JsonNode document) {
        if (json || !text.isEmpty()) {
            spec.commandLine().getOut().println(json ? document.toString() : text);
            spec.commandLine().getOut().flush();
        }
    }

    /** A remark for people on standard error, such as why nothing was printed. */
    void note(String text) {
        spec.commandLine().getErr().println(text);
        spec.commandLine().getErr().flush();
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** An entry with its revisions, or JSON {@code null} for an absent one. */
    static JsonNode entry(Optional<KeyValue> entry) {
        return entry.<JsonNode>map(Printer::entry).orElse(NullNode.getInstance());
    }

    static ObjectNode entry(KeyValue entry) {
        return object()
                .put("key", entry.key().utf8())
                .put("value", entry.value().utf8())
                .put("createRevision", entry.createRevision())
                .put("modRevision", entry.modRevision())
                .put("version", entry.version());
    }
}
