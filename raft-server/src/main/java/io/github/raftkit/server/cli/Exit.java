package io.github.raftkit.server.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit statuses of an example's command line, the same for every command, so that a shell script can act on
 * them. Statuses 1 and 4 depend on the state machine: an example says what they mean for its commands through
 * {@link CommandTree}.
 */
public enum Exit {
    SUCCESS(0, "success"),
    /** The answer is no: nothing there, or a condition was not met. */
    MISS(1, "not found, or a condition not met"),
    /** Picocli's own status for usage errors; nothing was sent. */
    USAGE(2, "usage error: bad flags or config"),
    /** No leader, members unreachable, overloaded or shutting down. */
    UNAVAILABLE(3, "cluster unavailable or timed out (a write's outcome is then unknown)"),
    /** Nothing changed. */
    REJECTED(4, "rejected by the state machine"),
    /** A bug, or an answer that made no sense. */
    FAILED(5, "other failure");

    private final int code;
    private final String meaning;

    Exit(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    /**
     * The table that ends each command's usage, code to meaning.
     *
     * @param meanings what some statuses mean for an example's commands, instead of the general words
     */
    static Map<String, String> usageList(Map<Exit, String> meanings) {
        Map<String, String> list = new LinkedHashMap<>();
        for (Exit exit : values()) {
            list.put(Integer.toString(exit.code), meanings.getOrDefault(exit, exit.meaning));
        }
        return list;
    }
}
