package io.github.raftkit.server.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.ServerStatus;
import java.util.Map;

/**
 * {@code /status} as JSON: the member's view of its group, and at a leader each follower's progress. Field names
 * are part of the interface: the {@code status} and {@code members} commands and scripts read them.
 */
final class StatusJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StatusJson() {
    }

    static String render(ServerStatus status) {
        ObjectNode json = MAPPER.createObjectNode()
                .put("id", status.node().value())
                .put("group", status.group().value())
                .put("role", status.role().name())
                .put("term", status.term())
                .put("leader", status.leader().map(NodeId::value).orElse(null))
                .put("commitIndex", status.commitIndex())
                .put("appliedIndex", status.appliedIndex())
                .put("lastLogIndex", status.lastLogIndex());
        ArrayNode members = json.putArray("members");
        for (Map.Entry<NodeId, Endpoint> member : status.membership().members().entrySet()) {
            ObjectNode entry = members.addObject()
                    .put("id", member.getKey().value())
                    .put("address", member.getValue().toString());
            Long match = status.replication().get(member.getKey());
            if (match != null) {
                // Lag counts the entries the leader holds that this follower is not known to have.
                entry.put("matchIndex", match).put("lag", Math.max(0, status.lastLogIndex() - match));
            }
        }
        return json.toString();
    }
}
