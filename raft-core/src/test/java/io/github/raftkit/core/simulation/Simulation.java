package io.github.raftkit.core.simulation;

import io.github.raftkit.api.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One deterministic run: N engines on a simulated clock and network, crashing and restarting over storage that
 * loses what was not durable, replicating an application ({@link SimApplication}; by default registers that clients
 * write and read), and every safety invariant, Raft's and the application's, checked after every event. Faults run
 * for {@link SimulationConfig#faultTicks()}; then a calm period checks liveness and ends the run, and the
 * application checks its clients' whole history (the registers' for linearizability).
 *
 * <p>A single {@link Random} seeded with the run's seed decides everything (the configuration, faults, delays,
 * client actions, each engine's own seed), and there are no threads or wall clocks, so a seed replays exactly. The
 * members' monotonic clocks, which only leader duties read, start at origins drawn from a second random source
 * seeded from the same seed, so that an application without leader duties leaves the first one's draws as they were.
 */
public final class Simulation {
    /** Simulated milliseconds per engine tick, for reporting simulated time. */
    public static final int MILLIS_PER_TICK = 10;
    /** How many trace lines a failure report shows; raise it with -Draftkit.simulation.traceLines=N to dig. */
    private static final int TRACE_LINES = Integer.getInteger("raftkit.simulation.traceLines", 50);
    private static final long MAX_EVENTS = 20_000_000;

    private final long seed;
    private final SimulationConfig config;
    private final EventQueue events = new EventQueue();
    private final Trace trace = new Trace(TRACE_LINES);
    private final SimulationStats stats = new SimulationStats();
    private final List<SimNode> nodes = new ArrayList<>();
    private final Network network;
    private final SimWorkload workload;
    private final FaultInjector faults;
    private final CalmPeriod calm;
    private final InvariantChecker checker;
    private final SnapshotHistory history = new SnapshotHistory();
    private final String replay;

    public Simulation(long seed, SimulationSetup setup) {
        this.seed = seed;
        Random random = new Random(seed);
        this.config = setup.profile().configure(random);
        List<NodeId> members = new ArrayList<>();
        for (int i = 1; i <= config.nodes(); i++) {
            members.add(NodeId.of("n" + i));
        }
        this.network = new Network(members, config.network(), random, events, stats);
        SimulationCluster cluster = new SimulationCluster(config, nodes, random, events, trace);
        this.workload = setup.application().newWorkload(cluster);
        this.replay = setup.application().replayCommand(seed);
        Random clockOrigins = new Random(Fnv64.update(Fnv64.EMPTY, seed));
        for (int i = 0; i < members.size(); i++) {
            nodes.add(new SimNode(i, config.engine().forMember(members.get(i), members,
                    config.snapshots().trailingEntries()), config.storage(), config.snapshots(), network, events,
                    random, setup, setup.media().open(members.get(i)), workload, history, stats,
                    clockOrigins.nextLong() >> 2)); // a quarter of the range: no overflow in any run's length
        }
        this.faults = new FaultInjector(config, nodes, network, random, events, trace, stats);
        this.calm = new CalmPeriod(config, nodes, cluster, workload, events, trace);
        this.checker = new InvariantChecker(members.size());
    }

    public SimulationConfig config() {
        return config;
    }

    /** Runs to the end of the calm period; throws {@link SimulationFailure} at the first broken invariant. */
    public SimulationResult run() {
        try {
            nodes.forEach(SimNode::start);
            workload.start();
            faults.start();
            events.after(config.faultTicks() * MILLIS_PER_TICK, new SimEvent.CalmStart());
            while (!calm.done()) {
                SimEvent event = events.next();
                trace.event(events.now(), event);
                dispatch(event);
                checker.check(nodes);
                workload.afterEvent();
                calm.afterEvent();
                if (++stats.events > MAX_EVENTS) {
                    throw new InvariantViolation(Invariant.LIVENESS, List.of(), "run did not end within "
                            + MAX_EVENTS + " events");
                }
            }
            // Once per run, not per event: a check of the whole history, such as linearizability, costs too much
            // to repeat.
            workload.finish();
        } catch (InvariantViolation violation) {
            throw failure(violation.invariant(), violation.name(), violation.getMessage(), violation);
        } catch (RuntimeException thrown) {
            throw failure(Invariant.NO_EXCEPTIONS, Invariant.NO_EXCEPTIONS.name(), thrown.toString(), thrown);
        }
        stats.simulatedMillis = events.now();
        stats.elections = checker.elections();
        stats.committed = checker.committed();
        return new SimulationResult(seed, trace.hash(), stats);
    }

    private void dispatch(SimEvent event) {
        if (event instanceof SimEvent.Tick tick) {
            nodes.get(tick.node()).tick(tick.incarnation());
        } else if (event instanceof SimEvent.Deliver deliver) {
            SimNode to = nodes.get(deliver.to());
            if (to.up() && network.deliverable(deliver.message())) {
                stats.messagesDelivered++;
                to.deliver(deliver.message());
            }
        } else if (event instanceof SimEvent.StorageDone done) {
            nodes.get(done.node()).storageDone(done.incarnation());
        } else if (event instanceof SimEvent.SnapshotWritten written) {
            nodes.get(written.node()).snapshotWritten(written);
        } else if (event instanceof SimEvent.Timer timer) {
            timer.task().run();
        } else if (event instanceof SimEvent.CrashTimer) {
            faults.onCrashTimer();
        } else if (event instanceof SimEvent.Restart restart) {
            faults.restart(restart.node());
        } else if (event instanceof SimEvent.PartitionTimer) {
            faults.onPartitionTimer();
        } else if (event instanceof SimEvent.Heal) {
            faults.onHeal();
        } else if (event instanceof SimEvent.CalmStart) {
            workload.stop();
            faults.stop();
            calm.begin(config.network().maxSlowDelayMillis()
                    + (long) config.engine().electionTicksMax() * MILLIS_PER_TICK);
        }
    }

    private SimulationFailure failure(Invariant invariant, String name, String detail, Throwable cause) {
        List<String> states = new ArrayList<>();
        for (SimNode node : nodes) {
            states.add(node.describe());
        }
        states.add("config: " + config);
        return new SimulationFailure(seed, invariant, name, detail + " (at " + events.now() + " ms)", replay,
                states, trace.lastLines(), cause);
    }
}
