package io.github.raftkit.examples.lock.simulation;

import io.github.raftkit.core.simulation.SimMember;
import io.github.raftkit.examples.lock.command.LockCodec;
import io.github.raftkit.examples.lock.command.LockMode;
import io.github.raftkit.examples.lock.command.LockQuery;
import io.github.raftkit.examples.lock.command.LockResult;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Each replica's lock table, checked whenever it applied something: an exclusive lock has at most one holder, every
 * holder's session is live (no lock stays with an ended session), and each new grant's token is at least the largest
 * this replica showed for the lock before, and larger if the grant is exclusive. A replica that restarts replays from
 * its snapshot, so tokens are followed per incarnation.
 */
final class ReplicaChecks {
    /** One run of one member. */
    private record Incarnation(int member, long incarnation) {
    }

    /** What a replica showed of one lock: its largest token and the grants seen. */
    private static final class Seen {
        long largestToken;
        final Set<String> grants = new HashSet<>();
    }

    private final Set<Integer> changed = new HashSet<>();
    private final Map<Incarnation, Map<String, Seen>> seen = new HashMap<>();

    /** {@code member} applied an entry since the last check. */
    void changed(SimMember member) {
        changed.add(member.position());
    }

    void check(List<SimMember> members, long nowMillis) {
        for (int position : changed) {
            SimMember member = members.get(position);
            if (member.up()) {
                check(member, nowMillis);
            }
        }
        changed.clear();
    }

    private void check(SimMember member, long nowMillis) {
        Map<String, Seen> locks = seen.computeIfAbsent(new Incarnation(member.position(), member.incarnation()),
                key -> new HashMap<>());
        for (String lock : LockWorkload.LOCKS) {
            LockResult.Holders holders = (LockResult.Holders) query(member, new LockQuery.Holders(lock));
            if (holders.mode() == LockMode.EXCLUSIVE && holders.holders().size() > 1) {
                throw LockWorkload.violation(member.id() + " shows " + holders.holders().size()
                        + " holders of exclusive lock " + lock + ": " + holders);
            }
            Seen before = locks.computeIfAbsent(lock, key -> new Seen());
            for (LockResult.Holder holder : holders.holders()) {
                if (!(query(member, new LockQuery.SessionInfo(holder.session())) instanceof LockResult.SessionState)) {
                    throw LockWorkload.violation(member.id() + " shows " + lock + " held by session "
                            + holder.session() + ", which has ended, at " + nowMillis + " ms");
                }
                if (before.grants.add(holder.session() + "@" + holder.token())) {
                    boolean ordered = holders.mode() == LockMode.SHARED ? holder.token() >= before.largestToken
                            : holder.token() > before.largestToken;
                    if (!ordered) {
                        throw LockWorkload.violation(member.id() + " granted " + lock + " to session "
                                + holder.session() + " with token " + holder.token() + " after showing token "
                                + before.largestToken);
                    }
                    before.largestToken = Math.max(before.largestToken, holder.token());
                }
            }
        }
    }

    private static LockResult query(SimMember member, LockQuery query) {
        return LockCodec.decodeResult(member.stateMachine().query(LockCodec.encode(query)));
    }
}
