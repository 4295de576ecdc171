package io.github.raftkit.examples.lock.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.statemachine.BlockingQueries;
import io.github.raftkit.api.statemachine.Command;
import io.github.raftkit.api.statemachine.LeaderContext;
import io.github.raftkit.api.statemachine.LeaderDuties;
import io.github.raftkit.api.statemachine.Snapshot;
import io.github.raftkit.api.statemachine.StateMachine;
import io.github.raftkit.core.simulation.SeedSweep;
import io.github.raftkit.core.simulation.SimApplication;
import io.github.raftkit.core.simulation.SimCluster;
import io.github.raftkit.core.simulation.SimWorkload;
import io.github.raftkit.core.simulation.SimulationSetup;
import io.github.raftkit.examples.lock.machine.LockStateMachine;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The lock simulation has teeth: a leader whose clock runs three times too fast expires sessions that their clients
 * still trust, and the sweep must catch it, either as the service ending a trusted session or as two clients trusting
 * that they hold one lock.
 */
class PlantedLockBugTest {

    @Test
    void aLeaderWhoseClockRunsFastIsCaught() {
        SimApplication hasty = new SimApplication() {
            @Override
            public StateMachine newStateMachine(NodeId member) {
                return new FastClockLocks(new LockStateMachine(Duration.ofMillis(50)));
            }

            @Override
            public SimWorkload newWorkload(SimCluster cluster) {
                return new LockWorkload(cluster, new LockStats());
            }
        };
        SeedSweep.Caught caught = SeedSweep.firstFailure(1, 30,
                SimulationSetup.DEFAULT.withProfile(LockApplication.FAULTS).withApplication(hasty)).orElseThrow(
                        () -> new AssertionError("30 seeds did not catch a leader expiring sessions early"));
        assertEquals("lock service", caught.failure().invariantName());
        assertTrue(caught.failure().getMessage().contains("trust"), caught.failure().getMessage());
    }

    /** The real lock service, except that its leader duties read a clock running three times too fast. */
    private record FastClockLocks(LockStateMachine locks) implements StateMachine, LeaderDuties, BlockingQueries {
        @Override
        public List<byte[]> apply(List<Command> commands) {
            return locks.apply(commands);
        }

        @Override
        public byte[] query(byte[] query) {
            return locks.query(query);
        }

        @Override
        public Snapshot snapshot() {
            return locks.snapshot();
        }

        @Override
        public void restore(InputStream in) throws IOException {
            locks.restore(in);
        }

        @Override
        public Optional<byte[]> answerIfReady(byte[] query) {
            return locks.answerIfReady(query);
        }

        @Override
        public void leaderStarted(LeaderContext context) {
            locks.leaderStarted(new LeaderContext() {
                @Override
                public long term() {
                    return context.term();
                }

                @Override
                public CompletableFuture<byte[]> propose(byte[] command) {
                    return context.propose(command);
                }

                @Override
                public void schedule(Duration delay, Runnable task) {
                    context.schedule(delay, task);
                }

                @Override
                public long monotonicNanos() {
                    return 3 * context.monotonicNanos();
                }
            });
        }

        @Override
        public void leaderStopped() {
            locks.leaderStopped();
        }
    }
}
