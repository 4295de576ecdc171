package io.github.raftkit.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command's output, as a picocli mixin ({@code @Mixin Printer out}): a line for people, or with {@code --json} one
 * JSON document for scripts, on the command's standard output. Notes and errors go to standard error in both modes.
 * Used on the command's thread.
 */
public final class Printer {
    /** Reads and writes the JSON of the commands and of {@code /status}. Thread-safe once configured. */
    public static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--json", description = "Print one JSON document instead of text, for scripts.")
    boolean json;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** Whether {@code --json} was given. */
    public boolean json() {
        return json;
    }

    /** Prints {@code text} (nothing at all when it is empty), or {@code document} with {@code --json}. */
    public void print(String text, JsonNode document) {
        if (json || !text.isEmpty()) {
            spec.commandLine().getOut().println(json ? document.toString() : text);
            spec.commandLine().getOut().flush();
        }
    }

    /** A remark for people on standard error, such as why nothing was printed. */
    public void note(String text) {
        spec.commandLine().getErr().println(text);
        spec.commandLine().getErr().flush();
    }

    /** A new, empty JSON object to print. */
    public static ObjectNode object() {
        return JSON.createObjectNode();
    }
}
