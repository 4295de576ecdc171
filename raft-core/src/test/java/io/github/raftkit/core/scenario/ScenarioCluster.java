package io.github.raftkit.core.scenario;

import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.message.RaftMessage;
import io.github.raftkit.core.engine.EngineConfig;
import io.github.raftkit.core.engine.RaftEngine;
import io.github.raftkit.core.engine.RecoveredState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The world a scenario script drives: members, the messages in flight between them (in the order sent), which links
 * are cut, and how lossy delivery is. Nothing moves unless a command moves it, so every script is deterministic.
 */
final class ScenarioCluster {
    private final Map<NodeId, ScenarioNode> nodes = new LinkedHashMap<>();
    private final List<RaftMessage> inFlight = new ArrayList<>();
    private final Set<List<NodeId>> cutLinks = new HashSet<>();
    private final Map<String, Long> delivered = new TreeMap<>();
    private EngineConfig template;
    private Random random = new Random(1);
    private double loss;
    private int restarts;

    /** Creates members n1..nN with one shared configuration. */
    void addNodes(int count, EngineConfig settings, long seed, int chunkBytes) {
        List<NodeId> ids = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            ids.add(NodeId.of("n" + i));
        }
        random = new Random(seed);
        template = new EngineConfig(ids.get(0), GroupId.DEFAULT, ids, settings.heartbeatTicks(),
                settings.electionTicksMin(), settings.electionTicksMax(), settings.preVote(), settings.checkQuorum(),
                settings.maxEntriesPerAppend(), settings.maxBytesPerAppend(), settings.maxInflightAppends(),
                settings.snapshotTrailingEntries());
        for (NodeId id : ids) {
            nodes.put(id, new ScenarioNode(newEngine(id, RecoveredState.EMPTY), chunkBytes));
        }
    }

    private RaftEngine newEngine(NodeId id, RecoveredState recovered) {
        EngineConfig config = new EngineConfig(id, template.group(), template.members(), template.heartbeatTicks(),
                template.electionTicksMin(), template.electionTicksMax(), template.preVote(), template.checkQuorum(),
                template.maxEntriesPerAppend(), template.maxBytesPerAppend(), template.maxInflightAppends(),
                template.snapshotTrailingEntries());
        return new RaftEngine(config, recovered, new Random(random.nextLong()));
    }

    ScenarioNode node(NodeId id) {
        ScenarioNode node = nodes.get(id);
        if (node == null) {
            throw new IllegalArgumentException("no node " + id + "; nodes are " + nodes.keySet());
        }
        return node;
    }

    Map<NodeId, ScenarioNode> nodes() {
        return nodes;
    }

    /** Runs {@code action} on a live node's engine, then carries out what it produced. */
    void act(NodeId id, java.util.function.Consumer<RaftEngine> action) {
        ScenarioNode node = node(id);
        if (!node.isUp()) {
            throw new IllegalStateException(id + " is down");
        }
        action.accept(node.engine());
        node.processReady(inFlight::add);
    }

    /** Delivers, once, every message in flight that {@code filter} selects; returns what was delivered or dropped. */
    List<String> deliver(Predicate<RaftMessage> filter) {
        List<RaftMessage> batch = new ArrayList<>();
        for (Iterator<RaftMessage> it = inFlight.iterator(); it.hasNext(); ) {
            RaftMessage message = it.next();
            if (filter.test(message)) {
                batch.add(message);
                it.remove();
            }
        }
        List<String> lines = new ArrayList<>();
        for (RaftMessage message : batch) {
            ScenarioNode to = nodes.get(message.to());
            if (to == null || !to.isUp() || cutLinks.contains(List.of(message.from(), message.to()))
                    || (loss > 0 && random.nextDouble() < loss)) {
                lines.add(MessageFormat.describe(message) + " (dropped)");
                continue;
            }
            lines.add(MessageFormat.describe(message));
            delivered.merge(MessageFormat.kind(message), 1L, Long::sum);
            act(message.to(), engine -> engine.step(message));
        }
        return lines;
    }

    /** Delivers until nothing is in flight; returns everything delivered. */
    List<String> stabilize() {
        List<String> lines = new ArrayList<>();
        for (int pass = 0; !inFlight.isEmpty(); pass++) {
            if (pass > 10_000) {
                throw new IllegalStateException("messages still in flight after 10,000 delivery passes");
            }
            lines.addAll(deliver(m -> true));
        }
        return lines;
    }

    /** Drops the messages in flight that {@code filter} selects; returns how many. */
    int drop(Predicate<RaftMessage> filter) {
        int before = inFlight.size();
        inFlight.removeIf(filter);
        return before - inFlight.size();
    }

    /** Advances logical time by one tick on every live member, delivering everything in between. */
    void runTicks(int ticks) {
        for (int t = 0; t < ticks; t++) {
            for (var entry : nodes.entrySet()) {
                if (entry.getValue().isUp()) {
                    act(entry.getKey(), RaftEngine::tick);
                }
            }
            stabilize();
        }
    }

    void cut(NodeId from, NodeId to) {
        cutLinks.add(List.of(from, to));
    }

    void heal() {
        cutLinks.clear();
    }

    void loss(double rate) {
        this.loss = rate;
    }

    void crash(NodeId id) {
        node(id).crash();
        inFlight.removeIf(m -> m.from().equals(id) || m.to().equals(id));
    }

    void restart(NodeId id) {
        restarts++;
        node(id).restart(recovered -> newEngine(id, recovered));
        node(id).processReady(inFlight::add);
    }

    Map<String, Long> delivered() {
        return delivered;
    }

    void resetStats() {
        delivered.clear();
    }

    int inFlightCount() {
        return inFlight.size();
    }

    int restarts() {
        return restarts;
    }
}
