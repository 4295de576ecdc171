package io.github.raftkit.core.engine.election;

import io.github.raftkit.api.NodeId;
import java.util.HashMap;
import java.util.Map;

/** The votes (or pre-votes) a candidate has received in one election, one per member however often it answers. */
public final class VoteTally {

    /** Where an election stands. */
    public enum Result { WON, LOST, PENDING }

    private final int members;
    private final int quorum;
    private final Map<NodeId, Boolean> votes = new HashMap<>();

    public VoteTally(int members, int quorum) {
        this.members = members;
        this.quorum = quorum;
    }

    /** Records a member's answer; only its first answer counts (a duplicate message changes nothing). */
    public Result record(NodeId voter, boolean granted) {
        votes.putIfAbsent(voter, granted);
        return result();
    }

    public Result result() {
        long granted = votes.values().stream().filter(g -> g).count();
        long denied = votes.size() - granted;
        if (granted >= quorum) {
            return Result.WON;
        }
        return members - denied < quorum ? Result.LOST : Result.PENDING;
    }
}
