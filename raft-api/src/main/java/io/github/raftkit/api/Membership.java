package io.github.raftkit.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The voting members of a group and where each listens. Immutable; iteration follows the order members were given.
 *
 * <p>A majority of these members is a quorum (Raft paper §5.2): elections and commits need {@link #quorumSize()}
 * of them.
 *
 * @param members every voting member and its endpoint; non-empty, no endpoint used twice
 */
public record Membership(Map<NodeId, Endpoint> members) {
    public Membership {
        Objects.requireNonNull(members, "members");
        if (members.isEmpty()) {
            throw new IllegalArgumentException("membership is empty: a group needs at least one member");
        }
        Map<Endpoint, NodeId> byEndpoint = new LinkedHashMap<>();
        for (var member : members.entrySet()) {
            NodeId previous = byEndpoint.putIfAbsent(member.getValue(), member.getKey());
            if (previous != null) {
                throw new IllegalArgumentException("members " + previous + " and " + member.getKey()
                        + " share the endpoint " + member.getValue());
            }
        }
        members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
    }

    /** Starts a membership; {@link Builder#add} refuses a node id given twice. */
    public static Builder builder() {
        return new Builder();
    }

    /** The ids of all voting members. */
    public Set<NodeId> ids() {
        return members.keySet();
    }

    /** Whether {@code id} is a voting member. */
    public boolean contains(NodeId id) {
        return members.containsKey(id);
    }

    /** How many members make a majority. */
    public int quorumSize() {
        return members.size() / 2 + 1;
    }

    /** The endpoint of {@code id}, or an exception naming the unknown member. */
    public Endpoint endpoint(NodeId id) {
        Endpoint endpoint = members.get(id);
        if (endpoint == null) {
            throw new IllegalArgumentException(id + " is not a member of " + ids());
        }
        return endpoint;
    }

    /** Collects members one at a time. Not thread-safe. */
    public static final class Builder {
        private final Map<NodeId, Endpoint> members = new LinkedHashMap<>();

        private Builder() {
        }

        /** Adds a member; a node id given twice is an error. */
        public Builder add(NodeId id, Endpoint endpoint) {
            if (members.putIfAbsent(id, endpoint) != null) {
                throw new IllegalArgumentException("member " + id + " is listed twice");
            }
            return this;
        }

        /** Adds a member given as strings, {@code add("n1", "127.0.0.1:7001")}. */
        public Builder add(String id, String endpoint) {
            return add(NodeId.of(id), Endpoint.parse(endpoint));
        }

        public Membership build() {
            return new Membership(members);
        }
    }
}
