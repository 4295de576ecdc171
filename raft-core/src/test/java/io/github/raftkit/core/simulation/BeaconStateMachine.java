package io.github.raftkit.core.simulation;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.error.NotLeaderException;
import io.github.raftkit.api.statemachine.Command;
import io.github.raftkit.api.statemachine.LeaderContext;
import io.github.raftkit.api.statemachine.LeaderDuties;
import io.github.raftkit.api.statemachine.Snapshot;
import io.github.raftkit.api.statemachine.StateMachine;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The state machine of the beacon application, a fixture that exercises {@link LeaderDuties} in the simulation:
 * while its member leads, it proposes a {@link BeaconCommand.Beacon} at once and then every {@link #PERIOD}, each
 * beacon numbered after the last of its term, up to {@link #BEACONS_PER_TERM}: like a lock service's expiries once
 * clients have gone, the duties fall quiet, which the simulation's final calm needs. The replicated state is how many beacons were applied and the last
 * one's term and number; {@code apply} answers 1 for a beacon that comes in order (of a later term, or numbered
 * higher in the same term) and 0 otherwise, so every member checks the order as it applies. Numbers may skip: a
 * leader that is handing leadership over refuses proposals, its own included.
 *
 * <p>What it sees go wrong on the leader's side (a proposal failing other than with {@link NotLeaderException}, a
 * task running before its delay by the member's clock) it keeps in {@link #problems()} for the workload to report.
 */
final class BeaconStateMachine implements StateMachine, LeaderDuties {
    static final Duration PERIOD = Duration.ofMillis(40);
    static final int BEACONS_PER_TERM = 8;
    private static final byte[] IN_ORDER = {1};
    private static final byte[] OUT_OF_ORDER = {0};
    private static final byte[] NO_RESULT = new byte[0];

    private final NodeId self;
    private final BeaconApplication.Tally tally;
    private final boolean honoursLeaderStopped;
    private final List<String> problems = new ArrayList<>();
    private long applied;
    private long lastTerm;
    private long lastSequence = -1;
    private LeaderContext context;
    private long nextSequence;

    /** {@code honoursLeaderStopped} false plants a bug: the duties go on after leadership ended. */
    BeaconStateMachine(NodeId self, BeaconApplication.Tally tally, boolean honoursLeaderStopped) {
        this.self = self;
        this.tally = tally;
        this.honoursLeaderStopped = honoursLeaderStopped;
    }

    @Override
    public List<byte[]> apply(List<Command> commands) {
        List<byte[]> results = new ArrayList<>(commands.size());
        for (Command command : commands) {
            results.add(BeaconCommand.decode(command.payload()) instanceof BeaconCommand.Beacon beacon
                    ? applyBeacon(beacon) : NO_RESULT);
        }
        return results;
    }

    private byte[] applyBeacon(BeaconCommand.Beacon beacon) {
        applied++;
        boolean inOrder = beacon.term() > lastTerm
                || beacon.term() == lastTerm && beacon.sequence() > lastSequence;
        if (!inOrder) {
            return OUT_OF_ORDER;
        }
        lastTerm = beacon.term();
        lastSequence = beacon.sequence();
        return IN_ORDER;
    }

    /** Answers how many beacons were applied, whatever the query. */
    @Override
    public byte[] query(byte[] query) {
        return ByteBuffer.allocate(Long.BYTES).putLong(applied).array();
    }

    @Override
    public Snapshot snapshot() {
        long count = applied;
        long term = lastTerm;
        long sequence = lastSequence;
        return out -> {
            DataOutputStream data = new DataOutputStream(out);
            data.writeLong(count);
            data.writeLong(term);
            data.writeLong(sequence);
            data.flush();
        };
    }

    @Override
    public void restore(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        applied = data.readLong();
        lastTerm = data.readLong();
        lastSequence = data.readLong();
    }

    @Override
    public void leaderStarted(LeaderContext leading) {
        tally.started++;
        context = leading;
        nextSequence = 0;
        beacon(leading);
    }

    @Override
    public void leaderStopped() {
        tally.stopped++;
        if (honoursLeaderStopped) {
            context = null;
        }
    }

    private void beacon(LeaderContext leading) {
        if (nextSequence == BEACONS_PER_TERM) {
            return;
        }
        BeaconCommand.Beacon beacon = new BeaconCommand.Beacon(leading.term(), nextSequence++, self);
        leading.propose(beacon.encode()).whenComplete((result, failure) -> {
            if (failure == null) {
                tally.acknowledged++;
            } else if (failure instanceof NotLeaderException) {
                tally.refused++;
            } else {
                problems.add(self + ": beacon " + beacon + " failed with " + failure);
            }
        });
        long scheduledAt = leading.monotonicNanos();
        leading.schedule(PERIOD, () -> {
            long waited = leading.monotonicNanos() - scheduledAt;
            if (waited < PERIOD.toNanos()) {
                problems.add(self + ": a task scheduled " + PERIOD + " ahead ran after " + waited + " ns");
            }
            beacon(leading);
        });
    }

    /** The term whose duties run here, if any. */
    OptionalLong dutiesTerm() {
        return context == null ? OptionalLong.empty() : OptionalLong.of(context.term());
    }

    /** How many beacons were applied, and the last in-order one's term and sequence, in one line to compare. */
    String state() {
        return applied + " beacons, last " + lastSequence + "@" + lastTerm;
    }

    List<String> problems() {
        return problems;
    }
}
