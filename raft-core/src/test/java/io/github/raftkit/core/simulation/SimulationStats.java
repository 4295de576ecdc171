package io.github.raftkit.core.simulation;

/** Counters of one run, or of many added together. Mutable; owned by the run that fills it. */
public final class SimulationStats {
    long events;
    long simulatedMillis;
    long elections;
    long crashes;
    long tornWrites;
    long partitions;
    long messagesSent;
    long messagesDelivered;
    long messagesDropped;
    long messagesDuplicated;
    long proposalsAccepted;
    long proposalsRefused;
    long writesAcknowledged;
    long readsConfirmed;
    long committed;
    long snapshotsTaken;
    long snapshotChunks;
    long snapshotsInstalled;

    void add(SimulationStats other) {
        events += other.events;
        simulatedMillis += other.simulatedMillis;
        elections += other.elections;
        crashes += other.crashes;
        tornWrites += other.tornWrites;
        partitions += other.partitions;
        messagesSent += other.messagesSent;
        messagesDelivered += other.messagesDelivered;
        messagesDropped += other.messagesDropped;
        messagesDuplicated += other.messagesDuplicated;
        proposalsAccepted += other.proposalsAccepted;
        proposalsRefused += other.proposalsRefused;
        writesAcknowledged += other.writesAcknowledged;
        readsConfirmed += other.readsConfirmed;
        committed += other.committed;
        snapshotsTaken += other.snapshotsTaken;
        snapshotChunks += other.snapshotChunks;
        snapshotsInstalled += other.snapshotsInstalled;
    }

    public long simulatedTicks() {
        return simulatedMillis / Simulation.MILLIS_PER_TICK;
    }

    public long elections() {
        return elections;
    }

    public long crashes() {
        return crashes;
    }

    public long tornWrites() {
        return tornWrites;
    }

    public long committed() {
        return committed;
    }

    public long writesAcknowledged() {
        return writesAcknowledged;
    }

    public long snapshotsInstalled() {
        return snapshotsInstalled;
    }

    public long snapshotsTaken() {
        return snapshotsTaken;
    }

    public long readsConfirmed() {
        return readsConfirmed;
    }

    @Override
    public String toString() {
        return "events=" + events + " simulatedTicks=" + simulatedTicks() + " elections=" + elections
                + " crashes=" + crashes + " tornWrites=" + tornWrites + " partitions=" + partitions
                + " messages sent=" + messagesSent + " delivered=" + messagesDelivered + " dropped=" + messagesDropped
                + " duplicated=" + messagesDuplicated + " proposals accepted=" + proposalsAccepted
                + " refused=" + proposalsRefused + " writesAcknowledged=" + writesAcknowledged
                + " readsConfirmed=" + readsConfirmed + " committed=" + committed + " snapshots taken=" + snapshotsTaken
                + " chunks=" + snapshotChunks + " installed=" + snapshotsInstalled;
    }
}
