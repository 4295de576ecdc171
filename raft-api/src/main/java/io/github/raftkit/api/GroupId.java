package io.github.raftkit.api;

import java.util.Objects;

/**
 * The name of one Raft group. A process may host many groups (multi-raft); every message, log and meter carries the
 * group it belongs to. Immutable and safe to share between threads.
 *
 * @param value a non-blank name without whitespace, at most 64 characters
 */
public record GroupId(String value) {
    /** The group used when a configuration names none. */
    public static final GroupId DEFAULT = new GroupId("default");

    public GroupId {
        Objects.requireNonNull(value, "group id");
        if (value.isBlank() || value.length() > NodeId.MAX_LENGTH || value.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(
                    "group id must be 1.." + NodeId.MAX_LENGTH + " characters without whitespace, got '" + value + "'");
        }
    }

    /** Shorthand for {@code new GroupId(value)}. */
    public static GroupId of(String value) {
        return new GroupId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
