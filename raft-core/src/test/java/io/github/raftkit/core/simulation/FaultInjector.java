package io.github.raftkit.core.simulation;

import io.github.raftkit.api.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The crash and partition schedule while faults are on: crashes (biased towards the leader when asked) with restarts
 * after a random downtime, and partitions of four shapes: one member isolated, a random split, a one-way link cut,
 * and a two-way link cut that leaves both ends reachable through a third member (non-transitive).
 */
final class FaultInjector {
    private final SimulationConfig config;
    private final List<SimNode> nodes;
    private final Network network;
    private final Random random;
    private final EventQueue events;
    private final Trace trace;
    private final SimulationStats stats;
    private boolean stopped;

    FaultInjector(SimulationConfig config, List<SimNode> nodes, Network network, Random random, EventQueue events,
                  Trace trace, SimulationStats stats) {
        this.config = config;
        this.nodes = nodes;
        this.network = network;
        this.random = random;
        this.events = events;
        this.trace = trace;
        this.stats = stats;
    }

    void start() {
        if (config.crashes().meanTicksBetween() > 0) {
            events.after(ticksAround(config.crashes().meanTicksBetween()), new SimEvent.CrashTimer());
        }
        if (config.partitions().meanTicksBetween() > 0) {
            events.after(ticksAround(config.partitions().meanTicksBetween()), new SimEvent.PartitionTimer());
        }
    }

    /** Faults end: the network heals and stops losing messages, and every member is brought back. */
    void stop() {
        stopped = true;
        network.heal();
        network.calm();
        for (SimNode node : nodes) {
            if (!node.up()) {
                restart(node.position());
            }
        }
    }

    void onCrashTimer() {
        if (stopped) {
            return;
        }
        SimNode victim = pickVictim();
        if (victim != null) {
            boolean torn = victim.crash();
            stats.crashes++;
            if (torn) {
                stats.tornWrites++;
            }
            trace.note(events.now(), "crash " + victim.id() + (torn ? " (tearing its last write)" : ""));
            SimulationConfig.CrashFaults crashes = config.crashes();
            int downtime = crashes.minDowntimeTicks()
                    + random.nextInt(crashes.maxDowntimeTicks() - crashes.minDowntimeTicks() + 1);
            events.after((long) downtime * Simulation.MILLIS_PER_TICK, new SimEvent.Restart(victim.position()));
        }
        events.after(ticksAround(config.crashes().meanTicksBetween()), new SimEvent.CrashTimer());
    }

    private SimNode pickVictim() {
        List<SimNode> up = new ArrayList<>();
        SimNode leader = null;
        for (SimNode node : nodes) {
            if (node.up()) {
                up.add(node);
                if (node.role() == Role.LEADER && (leader == null || node.term() > leader.term())) {
                    leader = node;
                }
            }
        }
        if (leader != null && random.nextDouble() < config.crashes().leaderBias()) {
            return leader;
        }
        return up.isEmpty() ? null : up.get(random.nextInt(up.size()));
    }

    void restart(int position) {
        SimNode node = nodes.get(position);
        if (!node.up()) {
            trace.note(events.now(), "restart " + node.id());
            node.start();
        }
    }

    void onPartitionTimer() {
        if (stopped) {
            return;
        }
        int n = nodes.size();
        int a = random.nextInt(n);
        int b = (a + 1 + random.nextInt(n - 1)) % n;
        String shape;
        switch (random.nextInt(4)) {
            case 0 -> {
                network.isolate(a);
                shape = "isolate n" + (a + 1);
            }
            case 1 -> {
                boolean[] side = new boolean[n];
                StringBuilder members = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    side[i] = random.nextBoolean();
                    members.append(side[i] ? " n" + (i + 1) : "");
                }
                network.split(side);
                shape = "split off {" + members + " }";
            }
            case 2 -> {
                network.cutLink(a, b);
                shape = "cut n" + (a + 1) + " -> n" + (b + 1);
            }
            default -> {
                network.cutLink(a, b);
                network.cutLink(b, a);
                shape = "cut n" + (a + 1) + " <-> n" + (b + 1);
            }
        }
        stats.partitions++;
        trace.note(events.now(), shape);
        SimulationConfig.PartitionFaults partitions = config.partitions();
        int duration = partitions.minDurationTicks()
                + random.nextInt(partitions.maxDurationTicks() - partitions.minDurationTicks() + 1);
        events.after((long) duration * Simulation.MILLIS_PER_TICK, new SimEvent.Heal());
        events.after(ticksAround(partitions.meanTicksBetween()), new SimEvent.PartitionTimer());
    }

    void onHeal() {
        if (!stopped) {
            network.heal();
        }
    }

    /** A random span averaging {@code meanTicks}, in milliseconds. */
    private long ticksAround(int meanTicks) {
        return (long) (1 + random.nextInt(2 * meanTicks)) * Simulation.MILLIS_PER_TICK;
    }
}
