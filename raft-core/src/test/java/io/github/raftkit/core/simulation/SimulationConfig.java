package io.github.raftkit.core.simulation;

import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.core.engine.EngineConfig;
import java.util.List;
import java.util.Random;

/**
 * The shape of one simulated run: cluster size, engine settings, how hostile the network, storage and crash schedule
 * are while faults are on, the client mix, and the bounds of the final calm in which liveness is checked. Times are
 * in ticks of {@link Simulation#MILLIS_PER_TICK} ms unless the name says milliseconds.
 */
public record SimulationConfig(int nodes, EngineShape engine, long faultTicks, NetworkFaults network,
                               StorageFaults storage, CrashFaults crashes, PartitionFaults partitions,
                               WorkloadMix workload, CalmBounds calm, SnapshotShape snapshots) {

    /** Engine settings shared by every member. */
    public record EngineShape(int heartbeatTicks, int electionTicksMin, int electionTicksMax, boolean preVote,
                              boolean checkQuorum, int maxEntriesPerAppend, long maxBytesPerAppend,
                              int maxInflightAppends) {

        EngineConfig forMember(NodeId self, List<NodeId> members, long snapshotTrailingEntries) {
            return new EngineConfig(self, GroupId.DEFAULT, members, heartbeatTicks, electionTicksMin,
                    electionTicksMax, preVote, checkQuorum, maxEntriesPerAppend, maxBytesPerAppend,
                    maxInflightAppends, snapshotTrailingEntries);
        }
    }

    /**
     * Per-message faults. Reordering falls out of independent random delays; a few messages are "slow" (a long
     * queue, a retransmission) and arrive far out of order, after elections have moved on.
     */
    public record NetworkFaults(double dropProbability, double duplicateProbability, int minDelayMillis,
                                int maxDelayMillis, double slowProbability, int maxSlowDelayMillis) {

        /** The same delays with nothing lost or late: the network during the final calm. */
        NetworkFaults calm() {
            return new NetworkFaults(0, duplicateProbability, minDelayMillis, maxDelayMillis, 0, maxDelayMillis);
        }
    }

    /** How long a write takes to become durable, and how likely a crash tears the write in progress. */
    public record StorageFaults(int minLatencyMillis, int maxLatencyMillis, double tornWriteProbability) {
    }

    /**
     * A crash every {@code meanTicksBetween} ticks on average (0: never); the victim is a leader with probability
     * {@code leaderBias} when there is one. It stays down {@code minDowntimeTicks..maxDowntimeTicks}.
     */
    public record CrashFaults(int meanTicksBetween, double leaderBias, int minDowntimeTicks, int maxDowntimeTicks) {
    }

    /** A partition every {@code meanTicksBetween} ticks on average (0: never), healed after the given span. */
    public record PartitionFaults(int meanTicksBetween, int minDurationTicks, int maxDurationTicks) {
    }

    /**
     * The clients: an operation every {@code meanMillisBetween} ms on average, chosen by weight, on one of
     * {@code keys} registers. A proposal goes to the leader, or to a random member with {@code misdirectedProbability}
     * (followers must refuse it). A read goes to a follower with {@code followerReadProbability}, else to a member
     * that believes it leads.
     */
    public record WorkloadMix(int meanMillisBetween, int proposeWeight, int readWeight, int campaignWeight,
                              int transferWeight, double misdirectedProbability, int maxBatch, int keys,
                              double followerReadProbability) {

        int totalWeight() {
            return proposeWeight + readWeight + campaignWeight + transferWeight;
        }
    }

    /**
     * Snapshots (§7): a member snapshots once {@code entriesBetween} entries were applied since its last one (0:
     * never), the write taking {@code minTakeMillis..maxTakeMillis} (a crash meanwhile loses it); the log keeps
     * {@code trailingEntries} below a snapshot; transfers travel in chunks of {@code chunkBytes}.
     */
    public record SnapshotShape(int entriesBetween, long trailingEntries, int chunkBytes, int minTakeMillis,
                                int maxTakeMillis) {
        /** No snapshots at all. */
        public static final SnapshotShape NONE = new SnapshotShape(0, 0, 1024, 1, 1);
    }

    /** The final calm: how long a leader may take to appear, and the proposals then to be applied everywhere. */
    public record CalmBounds(int leaderTicks, int commitTicks, int proposals) {
    }

    /**
     * A varied but bounded run for the seed sweep: every run picks its own cluster size, engine options and fault
     * rates, so that many seeds cover many combinations.
     */
    public static SimulationConfig mixed(Random random) {
        int nodes = random.nextInt(3) == 0 ? 5 : 3;
        // One entry per append in half the runs: acknowledgements then arrive entry by entry, which opens the
        // windows (Figure 8) where a leader has an older term's entry on a majority but not yet its own.
        EngineShape engine = new EngineShape(2, 10, 20, random.nextBoolean(), random.nextBoolean(),
                random.nextBoolean() ? 1 : 1 + random.nextInt(8), random.nextBoolean() ? 1 << 20 : 128,
                1 + random.nextInt(4));
        NetworkFaults network = new NetworkFaults(random.nextDouble() * 0.1, random.nextDouble() * 0.05, 1,
                5 + random.nextInt(15), random.nextDouble() * 0.02, 500);
        StorageFaults storage = new StorageFaults(1, 2 + random.nextInt(15), 0.5);
        // From a crash every 30 ticks (a leader rarely survives long) to one every 400.
        CrashFaults crashes = new CrashFaults(30 + random.nextInt(370), random.nextDouble(), 5, 300);
        PartitionFaults partitions = new PartitionFaults(100 + random.nextInt(300), 20, 300);
        WorkloadMix workload = new WorkloadMix(40, 70, 20, 2, 2, 0.1, 3, 5 + random.nextInt(4), 0.3);
        // Snapshots every few entries with a short tail, so that compaction outruns followers that were down or
        // cut off, and transfers of a few chunks each are cut short by crashes and partitions. A quarter of the runs
        // take none: a follower then catches up entry by entry, which opens windows (Figure 8) that snapshots close.
        SnapshotShape drawn = new SnapshotShape(3 + random.nextInt(30), random.nextInt(6),
                1 + random.nextInt(12), 1, 2 + random.nextInt(30));
        SnapshotShape snapshots = random.nextInt(4) == 0 ? SnapshotShape.NONE : drawn;
        return new SimulationConfig(nodes, engine, 2500, network, storage, crashes, partitions, workload,
                new CalmBounds(1000, 300, 5), snapshots);
    }

    public SimulationConfig withEngine(EngineShape engine) {
        return new SimulationConfig(nodes, engine, faultTicks, network, storage, crashes, partitions, workload, calm,
                snapshots);
    }

    public SimulationConfig withNodes(int nodes) {
        return new SimulationConfig(nodes, engine, faultTicks, network, storage, crashes, partitions, workload, calm,
                snapshots);
    }

    public SimulationConfig withNetwork(NetworkFaults network) {
        return new SimulationConfig(nodes, engine, faultTicks, network, storage, crashes, partitions, workload, calm,
                snapshots);
    }

    public SimulationConfig withCrashes(CrashFaults crashes) {
        return new SimulationConfig(nodes, engine, faultTicks, network, storage, crashes, partitions, workload, calm,
                snapshots);
    }

    public SimulationConfig withPartitions(PartitionFaults partitions) {
        return new SimulationConfig(nodes, engine, faultTicks, network, storage, crashes, partitions, workload, calm,
                snapshots);
    }

    public SimulationConfig withSnapshots(SnapshotShape snapshots) {
        return new SimulationConfig(nodes, engine, faultTicks, network, storage, crashes, partitions, workload, calm,
                snapshots);
    }

    public SimulationConfig withFaultTicks(long faultTicks) {
        return new SimulationConfig(nodes, engine, faultTicks, network, storage, crashes, partitions, workload, calm,
                snapshots);
    }
}
