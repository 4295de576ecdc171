package io.github.raftkit.examples.lock.simulation;

import java.util.concurrent.atomic.AtomicLong;

/** What the lock clients of a whole sweep went through, to show that a passing sweep exercised what it claims to. */
final class LockStats {
    final AtomicLong grants = new AtomicLong();
    final AtomicLong pushedGrants = new AtomicLong();
    final AtomicLong pauses = new AtomicLong();
    final AtomicLong sessionsEndedByService = new AtomicLong();
    final AtomicLong takeoversAfterExpiry = new AtomicLong();
    final AtomicLong unknownOutcomes = new AtomicLong();

    @Override
    public String toString() {
        return grants + " grants (" + pushedGrants + " pushed to waiters), " + pauses + " pauses, "
                + sessionsEndedByService + " sessions ended by the service, " + takeoversAfterExpiry
                + " locks taken over from an expired holder, " + unknownOutcomes + " commands of unknown outcome";
    }
}
