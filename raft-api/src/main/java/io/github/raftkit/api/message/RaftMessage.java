package io.github.raftkit.api.message;

import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.NodeId;

/**
 * A message between members of one group: the closed set that crosses the wire. Every message carries its group (so
 * that one connection serves many groups), its sender and receiver, and the sender's term, which every receiver
 * checks first (Raft paper §5.1, Figure 2 "Rules for Servers").
 *
 * <p>Records are immutable by contract; byte arrays inside are shared, never changed.
 */
public sealed interface RaftMessage
        permits RequestVote, RequestVoteResponse, AppendEntries, AppendEntriesResponse, InstallSnapshot,
        InstallSnapshotResponse, TimeoutNow {

    /** The group the message belongs to. */
    GroupId group();

    /** The sender. */
    NodeId from();

    /** The intended receiver. */
    NodeId to();

    /** The sender's current term (for a pre-vote request, the term it would campaign in). */
    long term();
}
