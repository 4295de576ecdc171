package io.github.raftkit.core.simulation;

import io.github.raftkit.api.Role;
import io.github.raftkit.api.log.EntryType;
import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.core.engine.ProposalOutcome;
import io.github.raftkit.core.engine.ReadState;
import io.github.raftkit.testkit.linearizability.CheckResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The clients and their history. They write registers with unique commands (mostly to the leader, sometimes to a
 * follower, which must refuse), read registers, and now and then nudge elections and leadership transfers. A write is
 * acknowledged when the member that accepted it applies it at the index and term it was given; a confirmed read must
 * then cover every write acknowledged before the read was asked. A read goes to a member that believes it leads
 * (clients' view of the leader may be stale), through ReadIndex, or to a follower, which gets the read index from its
 * leader and answers once it has applied through it (dissertation §6.4). Every operation goes into a
 * {@link ClientHistory} that is checked for linearizability at the end of the run.
 */
final class Workload implements ClientListener {

    /** A proposal a member accepted, waiting to be applied there. */
    private record Pending(long incarnation, long term, long command, long op) {
    }

    private final SimulationConfig.WorkloadMix mix;
    private final List<SimNode> nodes;
    private final Random random;
    private final EventQueue events;
    private final Trace trace;
    private final SimulationStats stats;
    private final ReadPath readPath;
    private final ClientHistory history;
    private final List<Map<Long, Pending>> pendingByNode = new ArrayList<>();
    private final Map<Long, Long> appliedAt = new HashMap<>();
    private final Map<Long, Long> readFloors = new HashMap<>();
    private final Set<Long> acknowledged = new HashSet<>();
    private long nextCommand = 1;
    private long lastAcknowledgedIndex;
    private boolean running = true;

    Workload(SimulationConfig.WorkloadMix mix, ReadPath readPath, List<SimNode> nodes, Random random,
             EventQueue events, Trace trace, SimulationStats stats) {
        this.mix = mix;
        this.readPath = readPath;
        this.nodes = nodes;
        this.random = random;
        this.events = events;
        this.trace = trace;
        this.stats = stats;
        this.history = new ClientHistory(events);
    }

    /** Must be called once the members exist, before the run starts. */
    void start() {
        for (int i = 0; i < nodes.size(); i++) {
            pendingByNode.add(new HashMap<>());
        }
        scheduleNext();
    }

    /** The random traffic stops; the final calm makes its own proposals. */
    void stop() {
        running = false;
    }

    void onTimer() {
        if (!running) {
            return;
        }
        int pick = random.nextInt(mix.totalWeight());
        SimNode leader = leader();
        if ((pick -= mix.proposeWeight()) < 0) {
            SimNode target = leader == null || random.nextDouble() < mix.misdirectedProbability() ? anyUp() : leader;
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
            SimNode target = anyUp();
            if (target != null && target.role() != Role.LEADER) {
                trace.note(events.now(), "client asks " + target.id() + " to campaign");
                target.campaign();
            }
        } else if (leader != null) {
            SimNode target = nodes.get(random.nextInt(nodes.size()));
            trace.note(events.now(), "client asks " + leader.id() + " to transfer leadership to " + target.id()
                    + ": " + leader.transferLeadership(target.id()));
        }
        scheduleNext();
    }

    private void scheduleNext() {
        events.after(1 + random.nextInt(2 * mix.meanMillisBetween()), new SimEvent.ClientTimer());
    }

    /** Proposes {@code count} new commands; returns their ids if accepted, else an empty list. */
    List<Long> propose(SimNode target, int count) {
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
        boolean leading = target.role() == Role.LEADER;
        ProposalOutcome outcome = target.propose(commands);
        trace.note(events.now(), "propose " + ids + " to " + target.id() + ": " + outcome);
        if (outcome instanceof ProposalOutcome.Accepted accepted) {
            stats.proposalsAccepted += count;
            if (!leading || accepted.lastIndex() - accepted.firstIndex() + 1 != count) {
                throw new InvariantViolation(Invariant.ENGINE_CONTRACT, List.of(target.id()), "a " + (leading
                        ? "leader" : "non-leader") + " accepted " + count + " commands as " + accepted);
            }
            for (int i = 0; i < count; i++) {
                long index = accepted.firstIndex() + i;
                pendingByNode.get(target.position()).put(index,
                        new Pending(target.incarnation(), accepted.term(), ids.get(i), ops.get(i)));
                history.writeAccepted(ops.get(i), index, accepted.term());
            }
            return ids;
        }
        stats.proposalsRefused += count;
        ops.forEach(history::writeRefused);
        return List.of();
    }

    /** A read of a member that believes it leads: through ReadIndex, or (the planted bug) from its applied state. */
    private void leaderRead(int key) {
        SimNode believer = anyBeliever();
        if (believer == null) {
            return;
        }
        if (readPath == ReadPath.LOCAL) {
            trace.note(events.now(), "read k" + key + " locally at " + believer.id());
            history.readServedLocally(believer, key);
            return;
        }
        readThroughReadIndex(believer, believer, key);
    }

    /** A read of a follower, which asks its leader for the read index and answers once applied through it. */
    private void followerRead(int key) {
        SimNode follower = anyUp();
        if (follower == null || follower.role() == Role.LEADER) {
            return;
        }
        SimNode leader = nodes.stream().filter(n -> follower.leader().equals(Optional.of(n.id())))
                .filter(n -> n.up() && n.role() == Role.LEADER).findFirst().orElse(null);
        if (leader == null) {
            long op = history.readInvoked(follower, key);
            trace.note(events.now(), "read " + op + " of k" + key + " at " + follower.id() + ": no leader to ask");
            history.readFailed(op);
            return;
        }
        readThroughReadIndex(follower, leader, key);
    }

    private void readThroughReadIndex(SimNode server, SimNode leader, int key) {
        long op = history.readInvoked(server, key);
        // Registered first: a leader alone in its cluster confirms the read within the call.
        readFloors.put(op, lastAcknowledgedIndex);
        trace.note(events.now(), "read " + op + " of k" + key + " at " + server.id()
                + (server == leader ? "" : " via " + leader.id()));
        // Every other read at a leader by lease (§6.4.1), which must be just as linearizable.
        boolean byLease = server == leader && op % 2 == 0;
        if (!(byLease ? leader.leaseRead(op) : leader.readIndex(op))) {
            readFloors.remove(op);
            history.readFailed(op);
        }
    }

    /** Answers the confirmed reads whose members have applied far enough; called after every event. */
    void serveReads() {
        history.serveReads();
    }

    /** The run is over; returns the verdict on what the clients saw. */
    CheckResult finish() {
        history.finish();
        return history.check();
    }

    @Override
    public void applied(SimNode node, LogEntry entry) {
        history.entryApplied(entry.index(), entry.term());
        if (entry.type() != EntryType.COMMAND) {
            return;
        }
        long command = RegisterCommand.decode(entry.data()).id();
        Long firstIndex = appliedAt.putIfAbsent(command, entry.index());
        if (firstIndex != null && firstIndex != entry.index()) {
            throw new InvariantViolation(Invariant.APPLY_ONCE, List.of(node.id()), "command " + command
                    + " applied at " + entry.index() + " here and at " + firstIndex + " before");
        }
        Pending pending = pendingByNode.get(node.position()).remove(entry.index());
        if (pending != null && pending.incarnation() == node.incarnation() && pending.term() == entry.term()) {
            if (pending.command() != command) {
                throw new InvariantViolation(Invariant.ENGINE_CONTRACT, List.of(node.id()), "accepted command "
                        + pending.command() + " at " + entry.index() + "@" + entry.term() + " but applied " + command);
            }
            acknowledged.add(command);
            history.writeAcknowledged(pending.op());
            lastAcknowledgedIndex = Math.max(lastAcknowledgedIndex, entry.index());
            stats.writesAcknowledged++;
        }
    }

    @Override
    public void readConfirmed(SimNode node, ReadState read) {
        Long floor = readFloors.remove(read.requestId());
        if (floor == null) {
            throw new InvariantViolation(Invariant.ENGINE_CONTRACT, List.of(node.id()),
                    "confirmed read " + read.requestId() + " that is not outstanding");
        }
        if (read.index() < floor) {
            throw new InvariantViolation(Invariant.LINEARIZABLE_READ, List.of(node.id()), "read "
                    + read.requestId() + " confirmed at index " + read.index() + ", but a write at " + floor
                    + " was acknowledged before the read was asked");
        }
        stats.readsConfirmed++;
        history.readConfirmed(read.requestId(), read.index());
    }

    @Override
    public void readAborted(SimNode node, long requestId) {
        readFloors.remove(requestId);
        history.readFailed(requestId);
    }

    boolean acknowledged(long command) {
        return acknowledged.contains(command);
    }

    /** The member clients would find as leader: up, leading, in the highest term among leaders. */
    SimNode leader() {
        SimNode best = null;
        for (SimNode node : nodes) {
            if (node.up() && node.role() == Role.LEADER && (best == null || node.term() > best.term())) {
                best = node;
            }
        }
        return best;
    }

    /** A member that believes it leads, whether or not a later term has deposed it. */
    private SimNode anyBeliever() {
        List<SimNode> believers = nodes.stream().filter(n -> n.up() && n.role() == Role.LEADER).toList();
        return believers.isEmpty() ? null : believers.get(random.nextInt(believers.size()));
    }

    private SimNode anyUp() {
        SimNode node = nodes.get(random.nextInt(nodes.size()));
        return node.up() ? node : null;
    }
}
