package io.github.raftkit.core.scenario;

import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.log.EntryType;
import io.github.raftkit.api.log.LogEntry;
import io.github.raftkit.api.message.RaftMessage;
import io.github.raftkit.core.engine.EngineConfig;
import io.github.raftkit.core.engine.ProposalOutcome;
import io.github.raftkit.core.engine.RaftEngine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Runs one command of a scenario script against a {@link ScenarioCluster} and returns what it prints. The commands
 * are the vocabulary of a Raft story: add nodes, tick, campaign, propose, deliver, partition, crash, restart, and
 * look at status, logs and what was applied.
 */
final class ScenarioInterpreter {
    private final ScenarioCluster cluster = new ScenarioCluster();

    String run(String commandLine) {
        List<String> words = new ArrayList<>(Arrays.asList(commandLine.trim().split("\\s+")));
        String command = words.remove(0);
        Map<String, String> options = new HashMap<>();
        // Proposals are free text; every other command takes key=value options.
        words.removeIf(w -> {
            int eq = w.indexOf('=');
            if (eq > 0 && !command.equals("propose")) {
                options.put(w.substring(0, eq), w.substring(eq + 1));
                return true;
            }
            return false;
        });
        boolean verbose = words.remove("verbose");
        return switch (command) {
            case "add-nodes" -> addNodes(Integer.parseInt(words.get(0)), options);
            case "campaign" -> act(words, RaftEngine::campaign);
            case "tick" -> tick(node(words, 0), words.size() > 1 ? Integer.parseInt(words.get(1)) : 1);
            case "run" -> {
                cluster.runTicks(Integer.parseInt(words.get(0)));
                yield "ok";
            }
            case "deliver" -> lines(cluster.deliver(filter(options)), verbose);
            case "stabilize" -> lines(cluster.stabilize(), verbose);
            case "drop" -> "dropped " + cluster.drop(filter(options));
            case "propose" -> propose(node(words, 0), words.subList(1, words.size()));
            case "propose-many" -> proposeMany(node(words, 0), Integer.parseInt(words.get(1)), words.get(2));
            case "propose-leader" -> {
                NodeId leader = currentLeader();
                yield leader + " " + proposeMany(leader, Integer.parseInt(words.get(0)), words.get(1));
            }
            case "isolate-leader" -> {
                NodeId leader = currentLeader();
                cluster.nodes().keySet().forEach(other -> {
                    cluster.cut(leader, other);
                    cluster.cut(other, leader);
                });
                yield "isolated " + leader;
            }
            case "read" -> read(node(words, 0), Long.parseLong(words.get(1)));
            case "transfer" -> {
                NodeId target = node(words, 1);
                boolean[] started = new boolean[1];
                cluster.act(node(words, 0), e -> started[0] = e.transferLeadership(target));
                yield started[0] ? "transferring to " + target : "refused";
            }
            case "partition" -> partition(words);
            case "cut" -> {
                cluster.cut(node(words, 0), node(words, 1));
                cluster.cut(node(words, 1), node(words, 0));
                yield "ok";
            }
            case "cut-oneway" -> {
                cluster.cut(node(words, 0), node(words, 1));
                yield "ok";
            }
            case "heal" -> {
                cluster.heal();
                yield "ok";
            }
            case "loss" -> {
                cluster.loss(Double.parseDouble(words.get(0)));
                yield "ok";
            }
            case "crash" -> {
                words.forEach(w -> cluster.crash(NodeId.of(w)));
                yield "ok";
            }
            case "restart" -> {
                words.forEach(w -> cluster.restart(NodeId.of(w)));
                yield "ok";
            }
            case "snapshot" -> {
                boolean[] taken = new boolean[1];
                cluster.act(node(words, 0), e -> taken[0] = cluster.node(node(words, 0)).takeSnapshot());
                ScenarioNode node = cluster.node(node(words, 0));
                yield taken[0] ? "snapshot through " + node.engine().latestSnapshot().orElseThrow()
                        .lastIncludedIndex() + ", log from " + (node.engine().logBaseIndex() + 1)
                        + ", stored log from " + node.durableFirstIndex() : "refused";
            }
            case "status" -> status();
            case "log" -> log(node(words, 0));
            case "applied" -> orNone(String.join(" ", cluster.node(node(words, 0)).applied()));
            case "reads" -> orNone(String.join("\n", cluster.node(node(words, 0)).reads()));
            case "stats" -> cluster.delivered().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(" "));
            case "reset-stats" -> {
                cluster.resetStats();
                yield "ok";
            }
            case "check-agreement" -> checkAgreement();
            default -> throw new IllegalArgumentException("unknown scenario command '" + command + "'");
        };
    }

    private String addNodes(int count, Map<String, String> options) {
        int election = Integer.parseInt(options.getOrDefault("election", "10"));
        EngineConfig settings = new EngineConfig(NodeId.of("n1"), GroupId.DEFAULT, List.of(NodeId.of("n1")),
                Integer.parseInt(options.getOrDefault("heartbeat", "1")), election, 2 * election,
                Boolean.parseBoolean(options.getOrDefault("prevote", "true")),
                Boolean.parseBoolean(options.getOrDefault("checkquorum", "true")),
                Integer.parseInt(options.getOrDefault("max-entries", "64")), 1 << 20,
                Integer.parseInt(options.getOrDefault("inflight", "8")),
                Long.parseLong(options.getOrDefault("trailing", "0")));
        cluster.addNodes(count, settings, Long.parseLong(options.getOrDefault("seed", "1")),
                Integer.parseInt(options.getOrDefault("chunk", "16")));
        return status();
    }

    private String act(List<String> words, java.util.function.Consumer<RaftEngine> action) {
        cluster.act(node(words, 0), action);
        return "ok";
    }

    private String tick(NodeId id, int count) {
        for (int i = 0; i < count; i++) {
            cluster.act(id, RaftEngine::tick);
        }
        return "ok";
    }

    private String propose(NodeId id, List<String> payloads) {
        ProposalOutcome[] outcome = new ProposalOutcome[1];
        List<byte[]> commands = payloads.stream().map(p -> p.getBytes(StandardCharsets.UTF_8)).toList();
        cluster.act(id, e -> outcome[0] = e.propose(commands));
        if (outcome[0] instanceof ProposalOutcome.Accepted accepted) {
            return "accepted " + accepted.firstIndex() + ".." + accepted.lastIndex() + " in term " + accepted.term();
        }
        return "not leader" + ((ProposalOutcome.NotLeader) outcome[0]).leaderHint().map(l -> ", try " + l).orElse("");
    }

    private String proposeMany(NodeId id, int count, String prefix) {
        int accepted = 0;
        for (int i = 1; i <= count; i++) {
            if (propose(id, List.of(prefix + i)).startsWith("accepted")) {
                accepted++;
            }
        }
        return "accepted " + accepted + " of " + count;
    }

    /** The live leader of the highest term, for scripts whose leader depends on the seed. */
    private NodeId currentLeader() {
        return cluster.nodes().entrySet().stream()
                .filter(e -> e.getValue().isUp() && e.getValue().engine().role() == io.github.raftkit.api.Role.LEADER)
                .max(java.util.Comparator.comparingLong(e -> e.getValue().engine().term()))
                .map(Map.Entry::getKey)
                .orElseThrow(() -> new IllegalStateException("no live leader"));
    }

    private String read(NodeId id, long requestId) {
        boolean[] queued = new boolean[1];
        cluster.act(id, e -> queued[0] = e.readIndex(requestId));
        return queued[0] ? "queued" : "not leader";
    }

    private String partition(List<String> words) {
        List<List<NodeId>> sides = new ArrayList<>();
        sides.add(new ArrayList<>());
        for (String word : words) {
            if (word.equals("|")) {
                sides.add(new ArrayList<>());
            } else {
                sides.get(sides.size() - 1).add(NodeId.of(word));
            }
        }
        for (List<NodeId> side : sides) {
            for (List<NodeId> other : sides) {
                if (side != other) {
                    side.forEach(a -> other.forEach(b -> cluster.cut(a, b)));
                }
            }
        }
        return "ok";
    }

    private String status() {
        return cluster.nodes().entrySet().stream().map(e -> {
            ScenarioNode node = e.getValue();
            if (!node.isUp()) {
                return e.getKey() + ": down";
            }
            RaftEngine engine = node.engine();
            return e.getKey() + ": " + engine.role() + " term=" + engine.term() + " leader="
                    + engine.leader().map(NodeId::toString).orElse("none") + " commit=" + engine.commitIndex()
                    + " last=" + engine.lastIndex() + " applied=" + node.applied().size();
        }).collect(Collectors.joining("\n"));
    }

    private String log(NodeId id) {
        RaftEngine engine = cluster.node(id).engine();
        List<String> entries = new ArrayList<>();
        if (engine.logBaseIndex() > 0) {
            entries.add("(snapshot through " + engine.logBaseIndex() + "@" + engine.logTerm(engine.logBaseIndex())
                    + ")");
        }
        for (long i = engine.logBaseIndex() + 1; i <= engine.lastIndex(); i++) {
            LogEntry entry = engine.entry(i).orElseThrow();
            entries.add(i + "@" + entry.term() + (entry.type() == EntryType.NO_OP
                    ? "" : ":" + new String(entry.data(), StandardCharsets.UTF_8)));
        }
        return entries.isEmpty() ? "(empty)" : String.join(" ", entries);
    }

    /** Every live member applied the same commands in the same order, up to the shortest of them. */
    private String checkAgreement() {
        List<List<String>> applied = cluster.nodes().values().stream().filter(ScenarioNode::isUp)
                .map(ScenarioNode::applied).toList();
        int shortest = applied.stream().mapToInt(List::size).min().orElse(0);
        int longest = applied.stream().mapToInt(List::size).max().orElse(0);
        for (List<String> list : applied) {
            if (!list.subList(0, shortest).equals(applied.get(0).subList(0, shortest))) {
                return "DISAGREEMENT: " + applied;
            }
        }
        return shortest == longest
                ? "agreement: all live nodes applied the same " + shortest + " entries"
                : "agreement on " + shortest + " entries; some applied up to " + longest;
    }

    private static String orNone(String output) {
        return output.isEmpty() ? "(none)" : output;
    }

    private static NodeId node(List<String> words, int position) {
        if (words.size() <= position) {
            throw new IllegalArgumentException("missing node argument at position " + (position + 1));
        }
        return NodeId.of(words.get(position));
    }

    private static Predicate<RaftMessage> filter(Map<String, String> options) {
        Predicate<RaftMessage> filter = m -> true;
        if (options.containsKey("from")) {
            filter = filter.and(m -> m.from().value().equals(options.get("from")));
        }
        if (options.containsKey("to")) {
            filter = filter.and(m -> m.to().value().equals(options.get("to")));
        }
        if (options.containsKey("type")) {
            filter = filter.and(m -> MessageFormat.kind(m).equals(options.get("type")));
        }
        return filter;
    }

    private static String lines(List<String> lines, boolean verbose) {
        if (verbose) {
            return lines.isEmpty() ? "(nothing in flight)" : String.join("\n", lines);
        }
        return "delivered " + lines.stream().filter(l -> !l.endsWith("(dropped)")).count() + ", dropped "
                + lines.stream().filter(l -> l.endsWith("(dropped)")).count();
    }
}
