package io.github.raftkit.core.simulation;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.Role;
import io.github.raftkit.api.log.EntryType;
import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.core.engine.ProposalOutcome;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The beacon application's side of a run. Its one client now and then asks the leader to hand leadership to a random
 * member, so that duties stop without a crash too; its checks are the application's invariants:
 *
 * <ul>
 *   <li><b>one duty holder per term</b>: a member's duties run only while it leads their term, and no two members'
 *       duties ever run in one term;</li>
 *   <li><b>beacons in order</b>: every member applies each term's beacons in the order they were proposed, each in
 *       the term of the leader that proposed it and named after the member whose duties ran in that term;</li>
 *   <li><b>sound leader tasks</b>: no proposal of the duties fails other than with NotLeaderException, no task runs
 *       early by its member's clock, and at the end every member holds the same beacons.</li>
 * </ul>
 */
final class BeaconWorkload implements SimWorkload {
    private static final int MEAN_MILLIS_BETWEEN_TRANSFERS = 300;

    private final SimCluster cluster;
    private final Map<Long, NodeId> dutyHolders = new HashMap<>();
    private final Set<Long> acknowledgedProbes = new HashSet<>();
    private long nextProbe = 1;
    private boolean running = true;

    BeaconWorkload(SimCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public void start() {
        scheduleTransfer();
    }

    private void scheduleTransfer() {
        cluster.schedule(1 + cluster.random().nextInt(2 * MEAN_MILLIS_BETWEEN_TRANSFERS), "beacon client", () -> {
            if (running) {
                cluster.leader().ifPresent(leader -> {
                    SimMember target = cluster.members().get(cluster.random().nextInt(cluster.members().size()));
                    cluster.trace("client asks " + leader.id() + " to hand over to " + target.id() + ": "
                            + leader.transferLeadership(target.id()));
                });
                scheduleTransfer();
            }
        });
    }

    @Override
    public void afterEvent() {
        for (SimMember member : cluster.members()) {
            if (member.up()) {
                check(member, (BeaconStateMachine) member.stateMachine());
            }
        }
    }

    private void check(SimMember member, BeaconStateMachine stateMachine) {
        if (!stateMachine.problems().isEmpty()) {
            throw InvariantViolation.application("sound leader tasks", List.of(member.id()),
                    String.join("; ", stateMachine.problems()));
        }
        OptionalLong term = stateMachine.dutiesTerm();
        if (term.isEmpty()) {
            return;
        }
        if (member.role() != Role.LEADER || member.term() != term.getAsLong()) {
            throw InvariantViolation.application("one duty holder per term", List.of(member.id()), "duties of term "
                    + term.getAsLong() + " still run on a " + member.role() + " of term " + member.term());
        }
        NodeId holder = dutyHolders.putIfAbsent(term.getAsLong(), member.id());
        if (holder != null && !holder.equals(member.id())) {
            throw InvariantViolation.application("one duty holder per term", List.of(holder, member.id()),
                    "both ran the duties of term " + term.getAsLong());
        }
    }

    @Override
    public void applied(SimMember member, LogEntry entry, byte[] result, boolean acknowledged) {
        if (entry.type() != EntryType.COMMAND) {
            return;
        }
        BeaconCommand command = BeaconCommand.decode(entry.data());
        if (command instanceof BeaconCommand.Probe probe) {
            if (acknowledged) {
                acknowledgedProbes.add(probe.id());
            }
            return;
        }
        BeaconCommand.Beacon beacon = (BeaconCommand.Beacon) command;
        String problem = result[0] != 1 ? "came out of order"
                : beacon.term() != entry.term() ? "was committed in term " + entry.term()
                : !beacon.leader().equals(dutyHolders.get(beacon.term()))
                        ? "names a member whose duties did not run in its term (" + dutyHolders.get(beacon.term()) + ")"
                        : null;
        if (problem != null) {
            throw InvariantViolation.application("beacons in order", List.of(member.id()), beacon + " applied at "
                    + entry.index() + " " + problem + "; the state machine holds " + stateOf(member));
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public OptionalLong proposeProbe(SimMember leader) {
        long id = nextProbe++;
        ProposalOutcome outcome = leader.propose(List.of(new BeaconCommand.Probe(id).encode()));
        cluster.trace("probe " + id + " to " + leader.id() + ": " + outcome);
        return outcome instanceof ProposalOutcome.Accepted ? OptionalLong.of(id) : OptionalLong.empty();
    }

    @Override
    public boolean probeAcknowledged(long probe) {
        return acknowledgedProbes.contains(probe);
    }

    /** The calm ended with every member applied through the leader's log: all hold the same beacons. */
    @Override
    public void finish() {
        String expected = stateOf(cluster.members().get(0));
        for (SimMember member : cluster.members()) {
            if (!stateOf(member).equals(expected)) {
                throw InvariantViolation.application("sound leader tasks", List.of(member.id()), "ended with "
                        + stateOf(member) + " where " + cluster.members().get(0).id() + " has " + expected);
            }
        }
    }

    private static String stateOf(SimMember member) {
        return ((BeaconStateMachine) member.stateMachine()).state();
    }
}
