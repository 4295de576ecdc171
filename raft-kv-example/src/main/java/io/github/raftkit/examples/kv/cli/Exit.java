package io.github.raftkit.examples.kv.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** The exit statuses of {@code raft-kv}, the same for every command, so that a shell script can act on them. */
public enum Exit {
    SUCCESS(0, "success"),
    MISS(1, "key not found (get), or condition not met (put --if-absent/--if-present, cas)"),
    /** Picocli's own status for usage errors; nothing was sent. */
    USAGE(2, "usage error: bad flags or config"),
    /** No leader, members unreachable, overloaded or shutting down. */
    UNAVAILABLE(3, "cluster unavailable or timed out (a write's outcome is then unknown)"),
    /** Nothing changed. */
    REJECTED(4, "rejected by the store (too large, not an integer, ...)"),
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

    /** The table that ends each command's usage, code to meaning. */
    public static Map<String, String> usageList() {
        Map<String, String> list = new LinkedHashMap<>();
        for (Exit exit : values()) {
            list.put(Integer.toString(exit.code), exit.meaning);
        }
        return list;
    }
}
