package io.github.raftkit.server.admin;

import io.github.raftkit.api.ServerStatus;

/**
 * Whether a member is part of a working cluster: it knows a leader in its current term (itself, possibly). A member
 * that knows none is cut off from a majority or in the middle of an election, and cannot serve writes now.
 *
 * @param healthy whether a leader is known
 * @param reason what a person reads: {@code ok}, or why not
 */
record Health(boolean healthy, String reason) {
    static Health of(ServerStatus status) {
        return status.leader().isPresent()
                ? new Health(true, "ok")
                : new Health(false, status.node() + " knows no leader in term " + status.term() + " (it is "
                        + status.role().name().toLowerCase(java.util.Locale.ROOT) + ")");
    }
}
