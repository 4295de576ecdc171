package io.github.raftkit.core.simulation;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.message.RaftMessage;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The simulated network: each message independently is dropped, delayed (sometimes by a lot) or duplicated, and
 * links can be cut one direction at a time, which makes partitions that are asymmetric and non-transitive as easily
 * as clean splits. A cut link loses messages both when they are sent and when they would arrive.
 */
final class Network {
    private final Random random;
    private final EventQueue events;
    private final SimulationStats stats;
    private final Map<NodeId, Integer> positions = new HashMap<>();
    private final boolean[][] cut;
    private SimulationConfig.NetworkFaults faults;

    Network(List<NodeId> members, SimulationConfig.NetworkFaults faults, Random random, EventQueue events,
            SimulationStats stats) {
        for (int i = 0; i < members.size(); i++) {
            positions.put(members.get(i), i);
        }
        this.cut = new boolean[members.size()][members.size()];
        this.faults = faults;
        this.random = random;
        this.events = events;
        this.stats = stats;
    }

    int position(NodeId member) {
        return positions.get(member);
    }

    void send(RaftMessage message) {
        stats.messagesSent++;
        int from = position(message.from());
        int to = position(message.to());
        if (cut[from][to] || random.nextDouble() < faults.dropProbability()) {
            stats.messagesDropped++;
            return;
        }
        events.after(delay(), new SimEvent.Deliver(to, message));
        if (random.nextDouble() < faults.duplicateProbability()) {
            stats.messagesDuplicated++;
            events.after(delay(), new SimEvent.Deliver(to, message));
        }
    }

    /** Whether a message in flight on this link still arrives now. */
    boolean deliverable(RaftMessage message) {
        boolean open = !cut[position(message.from())][position(message.to())];
        if (!open) {
            stats.messagesDropped++;
        }
        return open;
    }

    private long delay() {
        if (random.nextDouble() < faults.slowProbability()) {
            return faults.maxDelayMillis() + random.nextInt(faults.maxSlowDelayMillis() - faults.maxDelayMillis() + 1);
        }
        return faults.minDelayMillis() + random.nextInt(faults.maxDelayMillis() - faults.minDelayMillis() + 1);
    }

    void cutLink(int from, int to) {
        cut[from][to] = true;
    }

    /** Cuts a member off from everyone, both ways. */
    void isolate(int member) {
        for (int other = 0; other < cut.length; other++) {
            if (other != member) {
                cut[member][other] = true;
                cut[other][member] = true;
            }
        }
    }

    /** Cuts every link between the two sides, both ways; {@code side[i]} says where member i is. */
    void split(boolean[] side) {
        for (int a = 0; a < cut.length; a++) {
            for (int b = 0; b < cut.length; b++) {
                if (side[a] != side[b]) {
                    cut[a][b] = true;
                }
            }
        }
    }

    void heal() {
        for (boolean[] row : cut) {
            Arrays.fill(row, false);
        }
    }

    /** From now on nothing is lost or late; messages already in flight still arrive as scheduled. */
    void calm() {
        faults = faults.calm();
    }
}
