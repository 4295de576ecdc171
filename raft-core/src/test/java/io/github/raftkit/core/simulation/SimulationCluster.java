package io.github.raftkit.core.simulation;

import io.github.raftkit.api.Role;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** The harness as a run's application sees it: the run's clock, events, random source, trace and members. */
final class SimulationCluster implements SimCluster {
    private final SimulationConfig config;
    private final List<SimNode> nodes;
    private final List<SimMember> members;
    private final Random random;
    private final EventQueue events;
    private final Trace trace;

    /** {@code nodes} may still be filling: the members are read only once the run starts. */
    SimulationCluster(SimulationConfig config, List<SimNode> nodes, Random random, EventQueue events, Trace trace) {
        this.config = config;
        this.nodes = nodes;
        this.members = Collections.unmodifiableList(nodes);
        this.random = random;
        this.events = events;
        this.trace = trace;
    }

    @Override
    public SimulationConfig config() {
        return config;
    }

    @Override
    public long nowMillis() {
        return events.now();
    }

    @Override
    public void schedule(long delayMillis, String what, Runnable task) {
        events.after(delayMillis, new SimEvent.Timer(what, task));
    }

    @Override
    public Random random() {
        return random;
    }

    @Override
    public void trace(String note) {
        trace.note(events.now(), note);
    }

    @Override
    public List<SimMember> members() {
        return members;
    }

    @Override
    public Optional<SimMember> leader() {
        return Optional.ofNullable(leadingNode());
    }

    /** {@link #leader()}, for the harness, which needs more of the member than clients see. */
    SimNode leadingNode() {
        SimNode best = null;
        for (SimNode node : nodes) {
            if (node.up() && node.role() == Role.LEADER && (best == null || node.term() > best.term())) {
                best = node;
            }
        }
        return best;
    }
}
