package io.github.raftkit.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;

/**
 * {@code members}: the membership, with each follower's progress when the leader answers. Any example can list it as
 * is.
 */
@Command(name = "members", description = {"Lists the members and their Raft addresses, and, from the leader, each "
        + "follower's match index and lag (entries behind).", "Exit 0 when some member answers, 3 when none does."})
public final class MembersCommand extends AdminCommand {
    private static final String ROW = "%-6s %-22s %9s %6s";

    @Override
    Exit report(List<MemberReport> reports) {
        // The leader's view is the one with replication progress; any member's will do for the list itself.
        Optional<JsonNode> status = reports.stream()
                .filter(MemberReport.Answered.class::isInstance).map(MemberReport.Answered.class::cast)
                .max(Comparator.comparing(MemberReport.Answered::isLeader))
                .map(MemberReport.Answered::status);
        if (status.isEmpty()) {
            out.note("no member answered on " + admin.endpoints);
            return Exit.UNAVAILABLE;
        }
        JsonNode members = status.get().path("members");
        StringBuilder text = new StringBuilder(String.format(ROW, "ID", "ADDRESS", "MATCH", "LAG"));
        String leader = status.get().path("leader").asText("");
        for (JsonNode member : members) {
            String id = member.path("id").asText();
            text.append('\n').append(String.format(ROW, id, member.path("address").asText(),
                    id.equals(leader) ? "leader" : member.path("matchIndex").asText("-"),
                    member.path("lag").asText("-")));
        }
        out.print(text.toString(), Printer.object().put("leader", leader.isEmpty() ? null : leader)
                .put("term", status.get().path("term").asLong()).set("members", members));
        return Exit.SUCCESS;
    }
}
