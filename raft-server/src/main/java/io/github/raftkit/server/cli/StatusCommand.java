package io.github.raftkit.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code status}: each member's own view, side by side, from its admin port. Any example can list it as is. */
@Command(name = "status", description = {"Shows each member's role, term, leader, commit and applied index, from "
        + "its admin HTTP port.", "Exit 0 when some member knows a leader, 3 when none does or none answers."})
public final class StatusCommand extends AdminCommand {
    private static final String ROW = "%-22s %-6s %-13s %6s %-6s %9s %9s";

    @Override
    Exit report(List<MemberReport> reports) {
        StringBuilder text = new StringBuilder(String.format(ROW,
                "ENDPOINT", "ID", "ROLE", "TERM", "LEADER", "COMMIT", "APPLIED"));
        ArrayNode json = Printer.JSON.createArrayNode();
        for (MemberReport report : reports) {
            text.append('\n');
            if (report instanceof MemberReport.Answered answered) {
                JsonNode s = answered.status();
                text.append(String.format(ROW, report.endpoint(), s.path("id").asText(), s.path("role").asText(),
                        s.path("term").asText(), s.path("leader").asText("-"), s.path("commitIndex").asText(),
                        s.path("appliedIndex").asText()));
                json.addObject().put("endpoint", report.endpoint().toString()).set("status", s);
            } else if (report instanceof MemberReport.Unreachable unreachable) {
                text.append(String.format("%-22s unreachable: %s", report.endpoint(), unreachable.reason()));
                json.addObject().put("endpoint", report.endpoint().toString()).put("error", unreachable.reason());
            }
        }
        out.print(text.toString(), json);
        boolean leaderKnown = reports.stream()
                .anyMatch(r -> r instanceof MemberReport.Answered answered && answered.knowsLeader());
        if (!leaderKnown) {
            out.note("no member that answered knows a leader");
        }
        return leaderKnown ? Exit.SUCCESS : Exit.UNAVAILABLE;
    }
}
