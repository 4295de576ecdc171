package io.github.raftkit.core.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The simulation runs an application of its own choosing: the beacon application, whose leaders propose on timers
 * through {@link io.github.raftkit.api.statemachine.LeaderDuties}, under the sweep's crashes, partitions and storage
 * faults, with its own invariants checked after every event.
 */
class SimulationLeaderDutiesTest {
    private static final long SEEDS = 40;

    @Test
    void leaderDutiesRunOnlyWhileTheirTermLastsAndTheirProposalsApplyInOrder() {
        BeaconApplication beacons = new BeaconApplication(true);

        SimulationReport report = SeedSweep.run(1, SEEDS, SimulationSetup.DEFAULT.withApplication(beacons));

        BeaconApplication.Tally tally = beacons.tally();
        System.out.printf("beacon application: %d seeds; duties started=%d stopped=%d, beacons acknowledged=%d "
                        + "refused=%d; crashes=%d snapshots taken=%d installed=%d%n", report.seeds(), tally.started,
                tally.stopped, tally.acknowledged, tally.refused, report.totals().crashes(),
                report.totals().snapshotsTaken(), report.totals().snapshotsInstalled());
        assertTrue(tally.stopped > 0, "leadership must end without a crash too, so that leaderStopped is called");
        assertTrue(tally.acknowledged > 0, "beacons must be acknowledged");
        assertTrue(tally.refused > 0, "some beacons must fail because leadership ended before they were applied");
        assertTrue(report.totals().snapshotsInstalled() > 0, "the state machine must be restored from a leader's "
                + "snapshot");
    }

    @Test
    void dutiesThatOutliveLeadershipAreCaughtUnderTheApplicationsOwnName() {
        SimulationSetup buggy = SimulationSetup.DEFAULT.withApplication(new BeaconApplication(false));

        SeedSweep.Caught caught = SeedSweep.firstFailure(1, SEEDS, buggy).orElseThrow(
                () -> new AssertionError("duties that ignore leaderStopped survived " + SEEDS + " seeds"));

        assertEquals(Invariant.APPLICATION, caught.failure().invariant(), caught.failure().getMessage());
        assertEquals("one duty holder per term", caught.failure().invariantName(), caught.failure().getMessage());
    }
}
