package io.github.raftkit.core.simulation;

import java.util.Locale;

/** Totals over a sweep of seeds, and the throughput it reached (seeds and simulated time per wall-clock second). */
public final class SimulationReport {
    private final SimulationStats totals = new SimulationStats();
    private long seeds;
    private long wallNanos;

    void add(SimulationResult result) {
        seeds++;
        totals.add(result.stats());
    }

    void wallNanos(long wallNanos) {
        this.wallNanos = wallNanos;
    }

    public long seeds() {
        return seeds;
    }

    public SimulationStats totals() {
        return totals;
    }

    public double seedsPerSecond() {
        return seeds / wallSeconds();
    }

    /** Simulated seconds per wall-clock second, at {@link Simulation#MILLIS_PER_TICK} ms per tick. */
    public double simulatedSecondsPerWallSecond() {
        return totals.simulatedTicks() * Simulation.MILLIS_PER_TICK / 1000.0 / wallSeconds();
    }

    private double wallSeconds() {
        return Math.max(wallNanos, 1) / 1e9;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "simulation: %d seeds in %.1f s wall = %.1f seeds/s; %d simulated ticks (%.0f s at %d ms/tick) = "
                        + "%.0f simulated s per wall s%n  elections=%d crashes=%d tornWrites=%d partitions=%d "
                        + "messages sent=%d delivered=%d dropped=%d duplicated=%d%n  proposals accepted=%d "
                        + "refused=%d writesAcknowledged=%d readsConfirmed=%d committedEntries=%d events=%d"
                        + "%n  snapshots taken=%d chunks sent=%d installed=%d",
                seeds, wallSeconds(), seedsPerSecond(), totals.simulatedTicks(),
                totals.simulatedTicks() * Simulation.MILLIS_PER_TICK / 1000.0, Simulation.MILLIS_PER_TICK,
                simulatedSecondsPerWallSecond(), totals.elections, totals.crashes, totals.tornWrites,
                totals.partitions, totals.messagesSent, totals.messagesDelivered, totals.messagesDropped,
                totals.messagesDuplicated, totals.proposalsAccepted, totals.proposalsRefused,
                totals.writesAcknowledged, totals.readsConfirmed, totals.committed, totals.events,
                totals.snapshotsTaken, totals.snapshotChunks, totals.snapshotsInstalled);
    }
}
