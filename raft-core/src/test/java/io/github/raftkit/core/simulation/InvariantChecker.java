package io.github.raftkit.core.simulation;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.Role;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks Raft's safety properties (paper Figure 3) across all members after every simulation event, and throws an
 * {@link InvariantViolation} at the first one broken.
 *
 * <p>Every check is incremental, so that a run of tens of thousands of events stays cheap: Log Matching looks only at
 * entries that changed since the last event, through a map (index, term) to prefix hash; the committed prefix is one
 * array of prefix hashes ("decided"), so comparing a log, a state machine or a leader against everything committed
 * is a single hash comparison.
 */
public final class InvariantChecker {
    private final int quorum;
    private final Map<Long, NodeId> leaderOfTerm = new HashMap<>();
    private final Map<IndexTerm, FirstSeen> prefixes = new HashMap<>();
    private final Map<NodeId, Observed> observed = new HashMap<>();
    /** decided[i]: the prefix hash through index i of the committed log; decided[0] is the empty log's. */
    private long[] decided = new long[256];
    /** decidedInTerm[i]: the term of the member that first committed index i. */
    private long[] decidedInTerm = new long[256];
    private int decidedThrough;
    private long elections;

    private record IndexTerm(long index, long term) {
    }

    private record FirstSeen(long prefixHash, NodeId node) {
    }

    /** What the checker last saw of one incarnation of a member. */
    private static final class Observed {
        long incarnation = -1;
        long commit;
        long applied;
        long leaderTerm = -1;
        long leaderLast;
        long leaderHash;

        void startIncarnation(long incarnation) {
            this.incarnation = incarnation;
            commit = 0;
            applied = 0;
            leaderTerm = -1;
        }
    }

    public InvariantChecker(int clusterSize) {
        this.quorum = clusterSize / 2 + 1;
        decided[0] = Fnv64.EMPTY;
    }

    /** Leaderships seen so far (a member leading in a term counts once). */
    public long elections() {
        return elections;
    }

    /** How many entries are known committed. */
    public long committed() {
        return decidedThrough;
    }

    /** Checks every member against what was seen before; throws at the first violation. */
    public void check(List<? extends NodeView> nodes) {
        for (NodeView node : nodes) {
            check(node, nodes);
        }
    }

    private void check(NodeView node, List<? extends NodeView> all) {
        Observed seen = observed.computeIfAbsent(node.id(), id -> new Observed());
        if (seen.incarnation != node.incarnation()) {
            seen.startIncarnation(node.incarnation());
        }
        if (!node.up()) {
            return;
        }
        // Leadership first: a second leader in a term shows as Election Safety, not as the Log Matching failure
        // its first entry would cause.
        checkLeadership(node, seen);
        checkLogMatching(node);
        checkCommit(node, seen, all);
        checkApplied(node, seen);
    }

    private void checkLogMatching(NodeView node) {
        LogView log = node.log();
        for (long i = node.takeLogChangedFrom(); i <= log.lastIndex(); i++) {
            FirstSeen prior = prefixes.putIfAbsent(new IndexTerm(i, log.term(i)),
                    new FirstSeen(log.prefixHash(i), node.id()));
            if (prior != null && prior.prefixHash() != log.prefixHash(i)) {
                throw new InvariantViolation(Invariant.LOG_MATCHING, List.of(prior.node(), node.id()),
                        node.id() + " holds entry " + i + "@" + log.term(i) + " after a different prefix than "
                                + prior.node() + " had");
            }
        }
    }

    private void checkLeadership(NodeView node, Observed seen) {
        LogView log = node.log();
        boolean leading = node.role() == Role.LEADER;
        if (leading && seen.leaderTerm == node.term()) {
            if (log.lastIndex() < seen.leaderLast || log.prefixHash(seen.leaderLast) != seen.leaderHash) {
                throw new InvariantViolation(Invariant.LEADER_APPEND_ONLY, List.of(node.id()),
                        "leader of term " + node.term() + " had a log through " + seen.leaderLast
                                + "; now its log ends at " + log.lastIndex() + " and differs at or before "
                                + Math.min(seen.leaderLast, log.lastIndex()));
            }
        } else if (leading) {
            elections++;
            NodeId prior = leaderOfTerm.putIfAbsent(node.term(), node.id());
            if (prior != null && !prior.equals(node.id())) {
                throw new InvariantViolation(Invariant.ELECTION_SAFETY, List.of(prior, node.id()),
                        "both " + prior + " and " + node.id() + " became leader in term " + node.term());
            }
            // Leader Completeness (§5.4.3) speaks of entries committed in earlier terms. A member can win a term
            // late, after a later term has committed more: those entries it need not hold.
            requireDecidedPrefix(node, decidedBefore(node.term()), "on becoming leader in term " + node.term());
        }
        if (leading) {
            seen.leaderTerm = node.term();
            seen.leaderLast = log.lastIndex();
            seen.leaderHash = log.prefixHash(seen.leaderLast);
        } else {
            seen.leaderTerm = -1;
        }
    }

    private void checkCommit(NodeView node, Observed seen, List<? extends NodeView> all) {
        long commit = node.commitIndex();
        if (commit < seen.commit) {
            throw new InvariantViolation(Invariant.MONOTONIC_COMMIT, List.of(node.id()),
                    "commit index went back from " + seen.commit + " to " + commit);
        }
        if (commit == seen.commit) {
            return;
        }
        LogView log = node.log();
        if (commit > log.lastIndex()) {
            throw new InvariantViolation(Invariant.ENGINE_CONTRACT, List.of(node.id()),
                    "commit index " + commit + " is past the log's end " + log.lastIndex());
        }
        agreeWithDecided(node, commit);
        requireDurableOnMajority(node, commit, all);
        // Leader Completeness for leaders elected before this commit: the entry was committed in this member's term
        // or earlier, so every leader of a later term must already hold it.
        for (NodeView other : all) {
            if (other != node && other.up() && other.role() == Role.LEADER && other.term() > node.term()) {
                requireDecidedPrefix(other, commit, "when " + node.id() + " (term " + node.term()
                        + ") committed through " + commit);
            }
        }
        seen.commit = commit;
    }

    /** The committed prefix through {@code commit} on this member equals what every member has committed. */
    private void agreeWithDecided(NodeView node, long commit) {
        LogView log = node.log();
        long common = Math.min(commit, decidedThrough);
        if (log.prefixHash(common) != decided[(int) common]) {
            throw new InvariantViolation(Invariant.STATE_MACHINE_SAFETY, List.of(node.id()),
                    node.id() + " committed through " + commit + " but its log differs from the committed log at "
                            + firstDifference(log, common));
        }
        for (long i = decidedThrough + 1; i <= commit; i++) {
            if (i == decided.length) {
                decided = Arrays.copyOf(decided, decided.length * 2);
                decidedInTerm = Arrays.copyOf(decidedInTerm, decided.length);
            }
            decided[(int) i] = log.prefixHash(i);
            decidedInTerm[(int) i] = node.term();
        }
        decidedThrough = (int) Math.max(decidedThrough, commit);
    }

    /** The end of the longest committed prefix whose entries were all committed in terms before {@code term}. */
    private long decidedBefore(long term) {
        long through = 0;
        while (through < decidedThrough && decidedInTerm[(int) through + 1] < term) {
            through++;
        }
        return through;
    }

    private void requireDurableOnMajority(NodeView node, long commit, List<? extends NodeView> all) {
        long hash = node.log().prefixHash(commit);
        int durable = 0;
        for (NodeView member : all) {
            LogView stored = member.durableLog();
            if (stored.lastIndex() >= commit && stored.prefixHash(commit) == hash) {
                durable++;
            }
        }
        if (durable < quorum) {
            throw new InvariantViolation(Invariant.DURABLE_COMMIT, List.of(node.id()),
                    node.id() + " committed through " + commit + " (term " + node.log().term(commit)
                            + ") but only " + durable + " members store that prefix durably; a majority is " + quorum);
        }
    }

    private void requireDecidedPrefix(NodeView leader, long through, String when) {
        LogView log = leader.log();
        long upTo = Math.min(through, decidedThrough);
        if (log.lastIndex() < upTo || log.prefixHash(upTo) != decided[(int) upTo]) {
            throw new InvariantViolation(Invariant.LEADER_COMPLETENESS, List.of(leader.id()),
                    "leader " + leader.id() + " of term " + leader.term() + " lacks committed entries " + when
                            + ": committed through " + upTo + ", its log ends at " + log.lastIndex()
                            + " and first differs at " + firstDifference(log, upTo));
        }
    }

    private void checkApplied(NodeView node, Observed seen) {
        long applied = node.appliedIndex();
        if (applied < seen.applied) {
            throw new InvariantViolation(Invariant.MONOTONIC_APPLY, List.of(node.id()),
                    "applied index went back from " + seen.applied + " to " + applied);
        }
        if (applied == seen.applied) {
            return;
        }
        if (applied > node.commitIndex()) {
            throw new InvariantViolation(Invariant.ENGINE_CONTRACT, List.of(node.id()),
                    "applied through " + applied + " beyond its commit index " + node.commitIndex());
        }
        if (applied > decidedThrough || node.appliedHash() != decided[(int) applied]) {
            throw new InvariantViolation(Invariant.STATE_MACHINE_SAFETY, List.of(node.id()),
                    node.id() + " applied through " + applied + " entries that differ from the committed log");
        }
        seen.applied = applied;
    }

    /** For messages only: the first index through {@code upTo} where {@code log} leaves the decided prefix. */
    private long firstDifference(LogView log, long upTo) {
        for (long i = 1; i <= upTo; i++) {
            if (i > log.lastIndex() || log.prefixHash(i) != decided[(int) i]) {
                return i;
            }
        }
        return upTo + 1;
    }
}
