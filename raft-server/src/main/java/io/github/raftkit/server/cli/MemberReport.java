package io.github.raftkit.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.raftkit.api.Endpoint;

/** What one member's admin port said when asked for {@code /status}. */
sealed interface MemberReport {
    Endpoint endpoint();

    /** The member's {@code /status} document. */
    record Answered(Endpoint endpoint, JsonNode status) implements MemberReport {
        boolean knowsLeader() {
            return status.hasNonNull("leader");
        }

        boolean isLeader() {
            return "LEADER".equals(status.path("role").asText());
        }
    }

    /** No usable answer, and why. */
    record Unreachable(Endpoint endpoint, String reason) implements MemberReport {
    }
}
