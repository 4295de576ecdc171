package io.github.raftkit.core.simulation;

import io.github.raftkit.api.Role;
import io.github.raftkit.api.log.EntryType;
import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.core.engine.ProposalOutcome;
import io.github.raftkit.core.engine.ReadState;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The clients and their history. They propose unique commands (mostly to the leader, sometimes to a follower, which
 * must refuse), ask for linearizable reads, and now and then nudge elections and leadership transfers. A write is
 * acknowledged when the member that accepted it applies it at the index and term it was given; a confirmed read must
 * then cover every write acknowledged before the read was asked.
 */
final class Workload implements ClientListener {

    /** A proposal a member accepted, waiting to be applied there. */
    private record Pending(long incarnation, long term, long command) {
    }

    private final SimulationConfig.WorkloadMix mix;
    private final List<SimNode> nodes;
    private final Random random;
    private final EventQueue events;
    private final Trace trace;
    private final SimulationStats stats;
    private final List<Map<Long, Pending>> pendingByNode = new ArrayList<>();
    private final Map<Long, Long> appliedAt = new HashMap<>();
    private final Map<Long, Long> readFloors = new HashMap<>();
    private final Set<Long> acknowledged = new HashSet<>();
    private long nextCommand = 1;
    private long nextRead = 1;
    private long lastAcknowledgedIndex;
    private boolean running = true;

    Workload(SimulationConfig.WorkloadMix mix, List<SimNode> nodes, Random random, EventQueue events, Trace trace,
             SimulationStats stats) {
        this.mix = mix;
        this.nodes = nodes;
        this.random = random;
        this.events = events;
        this.trace = trace;
        this.stats = stats;
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
            if (leader != null) {
                read(leader);
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
        for (int i = 0; i < count; i++) {
            ids.add(nextCommand);
            commands.add(ByteBuffer.allocate(Long.BYTES).putLong(nextCommand++).array());
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
                pendingByNode.get(target.position()).put(accepted.firstIndex() + i,
                        new Pending(target.incarnation(), accepted.term(), ids.get(i)));
            }
            return ids;
        }
        stats.proposalsRefused += count;
        return List.of();
    }

    private void read(SimNode leader) {
        long id = nextRead++;
        // Registered first: a leader alone in its cluster confirms the read within the call.
        readFloors.put(id, lastAcknowledgedIndex);
        trace.note(events.now(), "read " + id + " at " + leader.id());
        // Every other read by lease (§6.4.1), which must be just as linearizable.
        if (!(id % 2 == 0 ? leader.leaseRead(id) : leader.readIndex(id))) {
            readFloors.remove(id);
        }
    }

    @Override
    public void applied(SimNode node, LogEntry entry) {
        if (entry.type() != EntryType.COMMAND) {
            return;
        }
        long command = ByteBuffer.wrap(entry.data()).getLong();
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

    private SimNode anyUp() {
        SimNode node = nodes.get(random.nextInt(nodes.size()));
        return node.up() ? node : null;
    }
}
