package io.github.raftkit.server.launch;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.Membership;
import io.github.raftkit.api.NodeId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ports one member listens on besides Raft (admin HTTP, an example's front ends), all on the host of its own
 * {@code --peers} address. Each defaults to a base plus the member's position in {@code --peers} (n1 of the local
 * cluster gets HTTP 8081), so that members on one machine need no port flags; none may be another's, nor the Raft port
 * of a peer on the same host.
 *
 * <p><b>Threading.</b> Used by the thread that reads the command line, once.
 */
public final class MemberPorts {
    private final Membership members;
    private final NodeId node;
    private final int position;
    private final Map<Integer, String> claimed = new LinkedHashMap<>();

    /** @throws IllegalArgumentException if {@code node} is not one of {@code members} */
    MemberPorts(Membership members, NodeId node) {
        this.members = members;
        this.node = node;
        this.position = List.copyOf(members.ids()).indexOf(node) + 1;
        if (position == 0) {
            throw new IllegalArgumentException("--id " + node + " is not one of --peers " + members.ids());
        }
    }

    /**
     * The port an option gives, or {@code base} plus this member's position (from 1) without one, once checked.
     *
     * @param option the flag, named in a refusal, such as {@code --http-port}
     * @param given the flag's value, or {@code null} if it was not given
     * @throws IllegalArgumentException naming the flag if the port is out of range, claimed by an earlier flag, or
     *     the Raft port of a member on this host
     */
    public int claim(String option, Integer given, int base) {
        int port = given == null ? base + position : given;
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException(option + " must be 1..65535, got " + port);
        }
        String earlier = claimed.get(port);
        if (earlier != null) {
            throw new IllegalArgumentException(option + " and " + earlier + " are both " + port);
        }
        String host = members.endpoint(node).host();
        for (var member : members.members().entrySet()) {
            Endpoint raft = member.getValue();
            if (raft.host().equals(host) && raft.port() == port) {
                throw new IllegalArgumentException(option + " " + port + " is the Raft port of " + member.getKey()
                        + " (" + raft + ")");
            }
        }
        claimed.put(port, option);
        return port;
    }
}
