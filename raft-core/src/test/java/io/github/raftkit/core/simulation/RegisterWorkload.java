package io.github.raftkit.core.simulation;

import io.github.raftkit.api.Role;
import io.github.raftkit.api.log.EntryType;
import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.core.engine.ProposalOutcome;
import io.github.raftkit.core.engine.ReadState;
import io.github.raftkit.testkit.linearizability.CheckResult;
import io.github.raftkit.testkit.linearizability.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;

/**
 * The register application's clients and their history. They write registers with unique commands (mostly to the
 * leader, sometimes to a follower, which must refuse), read registers, and now and then nudge elections and
 * leadership transfers. A write is acknowledged when the member that accepted it applies it at the index and term it
 * was given; a confirmed read must then cover every write acknowledged before the read was asked. A read goes to a
 * member that believes it leads (clients' view of the leader may be stale), through ReadIndex, or to a follower,
 * which gets the read index from its leader and answers once it has applied through it (dissertation §6.4). Every
 * operation goes into a {@link ClientHistory} that is checked for linearizability at the end of the run.
 */
final class RegisterWorkload implements SimWorkload {
    /**
     * The trace's name for the clients' timer, from when it was an event of its own: every seed's trace, and so its
     * replay hash, stays what it was before applications became pluggable.
     */
    private static final String CLIENT_TIMER = "ClientTimer[]";

    /** A write a member accepted at some index, waiting to be applied there. */
    private record Pending(long command, long op) {
    }

    private final SimCluster cluster;
    private final SimulationConfig.WorkloadMix mix;
    private final ReadPath readPath;
    private final Random random;
    private final ClientHistory history;
    private final List<Map<Long, Pending>> pendingByNode = new ArrayList<>();
    private final Map<Long, Long> appliedAt = new HashMap<>();
    private final Map<Long, Long> readFloors = new HashMap<>();
    private final Set<Long> acknowledged = new HashSet<>();
    private long nextCommand = 1;
    private long lastAcknowledgedIndex;
    private boolean running = true;

    RegisterWorkload(SimCluster cluster, ReadPath readPath) {
        this.cluster = cluster;
        this.mix = cluster.config().workload();
        this.readPath = readPath;
        this.random = cluster.random();
        this.history = new ClientHistory(cluster::nowMillis);
    }

    @Override
    public void start() {
        for (int i = 0; i < cluster.members().size(); i++) {
            pendingByNode.add(new HashMap<>());
        }
        scheduleNext();
    }

    /** The random traffic stops; the final calm makes its own proposals. */
    @Override
    public void stop() {
        running = false;
    }

    private void onTimer() {
        if (!running) {
            return;
        }
        int pick = random.nextInt(mix.totalWeight());
        SimMember leader = cluster.leader().orElse(null);
        if ((pick -= mix.proposeWeight()) < 0) {
            SimMember target = leader == null || random.nextDouble() < mix.misdirectedProbability() ? anyUp() : leader;
            if (target != null) {
                propose(target, 1 + random.nextInt(mix.maxBatch()));
            }
        } else if ((pick -= mix.readWeight()) < 0) {
            int key = random.nextInt(mix.keys());
            if (random.nextDouble() < mix.followerReadProbability()) {
                followerRead(key);
            } else {
                leaderRead(key);
            }
        } else if ((pick -= mix.campaignWeight()) < 0) {
            SimMember target = anyUp();
            if (target != null && target.role() != Role.LEADER) {
                cluster.trace("client asks " + target.id() + " to campaign");
                target.campaign();
            }
        } else if (leader != null) {
            SimMember target = cluster.members().get(random.nextInt(cluster.members().size()));
            cluster.trace("client asks " + leader.id() + " to transfer leadership to " + target.id() + ": "
                    + leader.transferLeadership(target.id()));
        }
        scheduleNext();
    }

    private void scheduleNext() {
        cluster.schedule(1 + random.nextInt(2 * mix.meanMillisBetween()), CLIENT_TIMER, this::onTimer);
    }

    /** Proposes {@code count} new commands; returns their ids if accepted, else an empty list. */
    private List<Long> propose(SimMember target, int count) {
        List<byte[]> commands = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        List<Long> ops = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            RegisterCommand command = new RegisterCommand(nextCommand, random.nextInt(mix.keys()), nextCommand);
            nextCommand++;
            ids.add(command.id());
            commands.add(command.encode());
            ops.add(history.writeInvoked(target, command));
        }
        ProposalOutcome outcome = target.propose(commands);
        cluster.trace("propose " + ids + " to " + target.id() + ": " + outcome);
        if (outcome instanceof ProposalOutcome.Accepted accepted) {
            for (int i = 0; i < count; i++) {
                long index = accepted.firstIndex() + i;
                pendingByNode.get(target.position()).put(index, new Pending(ids.get(i), ops.get(i)));
                history.writeAccepted(ops.get(i), index, accepted.term());
            }
            return ids;
        }
        ops.forEach(history::writeRefused);
        return List.of();
    }

    /** A read of a member that believes it leads: through ReadIndex, or (the planted bug) from its applied state. */
    private void leaderRead(int key) {
        SimMember believer = anyBeliever();
        if (believer == null) {
            return;
        }
        if (readPath == ReadPath.LOCAL) {
            cluster.trace("read k" + key + " locally at " + believer.id());
            history.readServedLocally(believer, key);
            return;
        }
        readThroughReadIndex(believer, believer, key);
    }

    /** A read of a follower, which asks its leader for the read index and answers once applied through it. */
    private void followerRead(int key) {
        SimMember follower = anyUp();
        if (follower == null || follower.role() == Role.LEADER) {
            return;
        }
        SimMember leader = cluster.members().stream().filter(n -> follower.leader().equals(Optional.of(n.id())))
                .filter(n -> n.up() && n.role() == Role.LEADER).findFirst().orElse(null);
        if (leader == null) {
            long op = history.readInvoked(follower, key);
            cluster.trace("read " + op + " of k" + key + " at " + follower.id() + ": no leader to ask");
            history.readFailed(op);
            return;
        }
        readThroughReadIndex(follower, leader, key);
    }

    private void readThroughReadIndex(SimMember server, SimMember leader, int key) {
        long op = history.readInvoked(server, key);
        // Registered first: a leader alone in its cluster confirms the read within the call.
        readFloors.put(op, lastAcknowledgedIndex);
        cluster.trace("read " + op + " of k" + key + " at " + server.id()
                + (server == leader ? "" : " via " + leader.id()));
        // Every other read at a leader by lease (§6.4.1), which must be just as linearizable.
        boolean byLease = server == leader && op % 2 == 0;
        if (!(byLease ? leader.leaseRead(op) : leader.readIndex(op))) {
            readFloors.remove(op);
            history.readFailed(op);
        }
    }

    /** Answers the confirmed reads whose members have applied far enough. */
    @Override
    public void afterEvent() {
        history.serveReads();
    }

    @Override
    public OptionalLong proposeProbe(SimMember leader) {
        List<Long> ids = propose(leader, 1);
        return ids.isEmpty() ? OptionalLong.empty() : OptionalLong.of(ids.get(0));
    }

    @Override
    public boolean probeAcknowledged(long probe) {
        return acknowledged.contains(probe);
    }

    /** Once per run, not per event: the search's cost grows with the history, so it runs on the whole of it once. */
    @Override
    public void finish() {
        history.finish();
        CheckResult result = history.check();
        if (result.verdict() == Verdict.NOT_LINEARIZABLE) {
            throw new InvariantViolation(Invariant.LINEARIZABLE_HISTORY, List.of(), "the clients' history is not"
                    + " linearizable on register " + result.key().orElseThrow() + "\n" + result.explanation());
        }
        if (result.verdict() == Verdict.UNKNOWN) {
            throw new InvariantViolation(Invariant.LINEARIZABLE_HISTORY, List.of(), "the checker could not decide"
                    + " within " + ClientHistory.MAX_STATES_PER_KEY + " states per register, so the history is"
                    + " unchecked: " + result.explanation());
        }
    }

    @Override
    public void applied(SimMember member, LogEntry entry, byte[] result, boolean acknowledgedHere) {
        history.entryApplied(entry.index(), entry.term());
        Pending pending = pendingByNode.get(member.position()).remove(entry.index());
        if (entry.type() != EntryType.COMMAND) {
            return;
        }
        long command = RegisterCommand.decode(entry.data()).id();
        Long firstIndex = appliedAt.putIfAbsent(command, entry.index());
        if (firstIndex != null && firstIndex != entry.index()) {
            throw new InvariantViolation(Invariant.APPLY_ONCE, List.of(member.id()), "command " + command
                    + " applied at " + entry.index() + " here and at " + firstIndex + " before");
        }
        if (acknowledgedHere) {
            // The member checked that it applied the very command it accepted, so pending is this command.
            acknowledged.add(pending.command());
            history.writeAcknowledged(pending.op());
            lastAcknowledgedIndex = Math.max(lastAcknowledgedIndex, entry.index());
        }
    }

    @Override
    public void readConfirmed(SimMember member, ReadState read) {
        Long floor = readFloors.remove(read.requestId());
        if (floor == null) {
            throw new InvariantViolation(Invariant.ENGINE_CONTRACT, List.of(member.id()),
                    "confirmed read " + read.requestId() + " that is not outstanding");
        }
        if (read.index() < floor) {
            throw new InvariantViolation(Invariant.LINEARIZABLE_READ, List.of(member.id()), "read "
                    + read.requestId() + " confirmed at index " + read.index() + ", but a write at " + floor
                    + " was acknowledged before the read was asked");
        }
        history.readConfirmed(read.requestId(), read.index());
    }

    @Override
    public void readAborted(SimMember member, long requestId) {
        readFloors.remove(requestId);
        history.readFailed(requestId);
    }

    /** A member that believes it leads, whether or not a later term has deposed it. */
    private SimMember anyBeliever() {
        List<SimMember> believers = cluster.members().stream().filter(n -> n.up() && n.role() == Role.LEADER)
                .toList();
        return believers.isEmpty() ? null : believers.get(random.nextInt(believers.size()));
    }

    private SimMember anyUp() {
        SimMember member = cluster.members().get(random.nextInt(cluster.members().size()));
        return member.up() ? member : null;
    }
}
