package io.github.raftkit.examples.kv.resp;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.ServerStatus;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The text of {@code INFO}: {@code field:value} lines under {@code # Section} headings, lines ending in CRLF and
 * sections apart by a blank line, as Redis writes it. Sections: {@code server} (this process) and {@code raft} (this
 * member's {@link ServerStatus}). Thread-safe; the status supplier is called once per report.
 */
final class InfoReport {
    private static final Set<String> EVERY_SECTION = Set.of("all", "default", "everything");

    private final Supplier<ServerStatus> status;
    private final IntSupplier port;
    private final long startedMillis = System.currentTimeMillis();

    InfoReport(Supplier<ServerStatus> status, IntSupplier port) {
        this.status = status;
        this.port = port;
    }

    /** The sections named (any case), all of them when none or {@code all} is; an unknown name adds nothing. */
    String render(List<String> names) {
        List<String> wanted = names.stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
        boolean every = wanted.isEmpty() || wanted.stream().anyMatch(EVERY_SECTION::contains);
        StringBuilder text = new StringBuilder();
        if (every || wanted.contains("server")) {
            section(text, "Server", server());
        }
        if (every || wanted.contains("raft")) {
            section(text, "Raft", raft(status.get()));
        }
        return text.toString();
    }

    private String server() {
        return line("server_name", "raftkit-kv")
                + line("process_id", ProcessHandle.current().pid())
                + line("tcp_port", port.getAsInt())
                + line("uptime_in_seconds", (System.currentTimeMillis() - startedMillis) / 1000);
    }

    private static String raft(ServerStatus status) {
        String members = status.membership().members().entrySet().stream()
                .map(member -> member.getKey() + "=" + member.getValue()).collect(Collectors.joining(","));
        String raft = line("node", status.node())
                + line("group", status.group())
                + line("role", status.role().name().toLowerCase(Locale.ROOT))
                + line("term", status.term())
                + line("leader", status.leader().map(NodeId::toString).orElse(""))
                + line("commit_index", status.commitIndex())
                + line("applied_index", status.appliedIndex())
                + line("last_log_index", status.lastLogIndex())
                + line("members", members);
        if (status.replication().isEmpty()) {
            return raft;
        }
        // Only a leader knows how far each follower got.
        return raft + line("match_index", status.replication().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(follower -> follower.getKey() + "=" + follower.getValue()).collect(Collectors.joining(",")));
    }

    private static void section(StringBuilder text, String title, String lines) {
        if (!text.isEmpty()) {
            text.append("\r\n");
        }
        text.append("# ").append(title).append("\r\n").append(lines);
    }

    private static String line(String field, Object value) {
        return field + ":" + value + "\r\n";
    }
}
