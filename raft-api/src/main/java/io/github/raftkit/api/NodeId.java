package io.github.raftkit.api;

import java.util.Objects;

/**
 * The stable name of one member of a Raft group, such as {@code n1}.
 *
 * <p>It names a node across restarts and address changes, so it must never be reused for a different machine's
 * data. Immutable and safe to share between threads.
 *
 * @param value a non-blank name without whitespace, at most 64 characters
 */
public record NodeId(String value) implements Comparable<NodeId> {
    /** Longest accepted name; it bounds what a peer can make us allocate when it sends one. */
    public static final int MAX_LENGTH = 64;

    public NodeId {
        Objects.requireNonNull(value, "node id");
        if (value.isBlank() || value.length() > MAX_LENGTH || value.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(
                    "node id must be 1.." + MAX_LENGTH + " characters without whitespace, got '" + value + "'");
        }
    }

    /** Shorthand for {@code new NodeId(value)}. */
    public static NodeId of(String value) {
        return new NodeId(value);
    }

    @Override
    public int compareTo(NodeId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
