package io.github.raftkit.examples.lock.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.raftkit.examples.lock.command.LockCommand;
import io.github.raftkit.examples.lock.command.LockError;
import io.github.raftkit.examples.lock.command.LockMode;
import io.github.raftkit.examples.lock.command.LockResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The lock service's rules, applied as a replica applies committed commands. */
class LockStateMachineTest {
    private final LockDriver locks = new LockDriver();

    @Test
    void anExclusiveGrantsTokenIsTheLogIndexOfTheGrant() {
        long a = locks.open();
        long grantIndex = locks.nextIndex();
        assertEquals(new LockResult.Granted("x", grantIndex), locks.acquire(a, "x"));
        assertEquals(List.of(a), locks.holderSessions("x"));
    }

    @Test
    void waitersAreGrantedInArrivalOrderWithTheReleasesIndexAsTheirToken() {
        long a = locks.open();
        long b = locks.open();
        long c = locks.open();
        locks.acquire(a, "x");
        assertEquals(new LockResult.Queued("x", 1), locks.acquire(b, "x"));
        assertEquals(new LockResult.Queued("x", 2), locks.acquire(c, "x"));

        long releaseIndex = locks.nextIndex();
        locks.release(a, "x");
        assertEquals(Optional.of(new LockResult.Granted("x", releaseIndex)), locks.awaitGrant(b, "x"));
        assertEquals(Optional.empty(), locks.awaitGrant(c, "x"), "c is still waiting");
        long nextRelease = locks.nextIndex();
        locks.release(b, "x");
        assertEquals(Optional.of(new LockResult.Granted("x", nextRelease)), locks.awaitGrant(c, "x"));
        assertTrue(nextRelease > releaseIndex);
    }

    @Test
    void readersShareALockAndReadersBehindAQueuedWriterWaitForIt() {
        long reader1 = locks.open();
        long writer = locks.open();
        long reader2 = locks.open();
        assertInstanceOf(LockResult.Granted.class, locks.share(reader1, "x"));
        assertEquals(new LockResult.Queued("x", 1), locks.acquire(writer, "x"));
        assertEquals(new LockResult.Queued("x", 2), locks.share(reader2, "x"), "no overtaking a queued writer");

        locks.release(reader1, "x");
        assertEquals(List.of(writer), locks.holderSessions("x"));
        locks.release(writer, "x");
        assertEquals(List.of(reader2), locks.holderSessions("x"));
    }

    @Test
    void readersAtTheHeadOfTheQueueAreGrantedTogetherWithOneToken() {
        long writer = locks.open();
        long reader1 = locks.open();
        long reader2 = locks.open();
        locks.acquire(writer, "x");
        locks.share(reader1, "x");
        locks.share(reader2, "x");
        long releaseIndex = locks.nextIndex();
        locks.release(writer, "x");
        LockResult.Holders holders = locks.holders("x");
        assertEquals(LockMode.SHARED, holders.mode());
        assertEquals(List.of(new LockResult.Holder(reader1, releaseIndex, 1),
                new LockResult.Holder(reader2, releaseIndex, 1)), holders.holders());
    }

    @Test
    void aHolderAcquiringAgainHoldsOnceMoreWithTheSameTokenButCannotUpgrade() {
        long a = locks.open();
        LockResult.Granted first = (LockResult.Granted) locks.acquire(a, "x");
        assertEquals(first, locks.acquire(a, "x"));
        assertEquals(new LockResult.Released("x", 1), locks.release(a, "x"));
        assertEquals(new LockResult.Released("x", 0), locks.release(a, "x"));

        locks.share(a, "y");
        LockResult.Failure upgrade = assertInstanceOf(LockResult.Failure.class, locks.acquire(a, "y"));
        assertEquals(LockError.UPGRADE_NOT_SUPPORTED, upgrade.error());
    }

    @Test
    void anAcquireThatMustNotWaitAnswersBusyAndQueuesNothing() {
        long a = locks.open();
        long b = locks.open();
        locks.acquire(a, "x");
        assertEquals(new LockResult.Busy("x"), locks.apply(new LockCommand.Acquire(b, "x", LockMode.EXCLUSIVE,
                false)));
        assertEquals(List.of(), locks.holders("x").waiters());
    }

    @Test
    void cancellingLeavesTheQueueUnlessTheGrantCameFirst() {
        long a = locks.open();
        long b = locks.open();
        locks.acquire(a, "x");
        locks.acquire(b, "x");
        assertEquals(new LockResult.Cancelled("x"), locks.apply(new LockCommand.Cancel(b, "x")));
        assertEquals(List.of(), locks.holders("x").waiters());

        locks.acquire(b, "x");
        long releaseIndex = locks.nextIndex();
        locks.release(a, "x");
        assertEquals(new LockResult.Granted("x", releaseIndex), locks.apply(new LockCommand.Cancel(b, "x")),
                "a cancel that lost the race to the grant answers the grant");
    }

    @Test
    void closingASessionReleasesItsLocksAndLeavesEveryQueue() {
        long a = locks.open();
        long b = locks.open();
        long c = locks.open();
        locks.acquire(a, "x");
        locks.acquire(b, "y");
        locks.acquire(c, "x");
        locks.acquire(a, "y");
        locks.apply(new LockCommand.CloseSession(a));
        assertEquals(List.of(c), locks.holderSessions("x"));
        assertEquals(List.of(), locks.holders("y").waiters());
        assertEquals(LockError.UNKNOWN_SESSION, failure(locks.acquire(a, "z")).error());
    }

    @Test
    void anExpiryAppliesOnlyIfTheSessionWasNotRenewedSinceTheLeaderDecided() {
        long a = locks.open();
        long watched = locks.renewalOf(a);
        locks.apply(new LockCommand.KeepAlive(a));
        assertEquals(new LockResult.NotExpired(a), locks.apply(new LockCommand.Expire(a, watched)),
                "a renewal committed after the leader decided wins");
        long renewed = locks.renewalOf(a);
        assertEquals(new LockResult.SessionEnded(a), locks.apply(new LockCommand.Expire(a, renewed)));
        assertEquals(LockError.SESSION_EXPIRED, failure(locks.apply(new LockCommand.KeepAlive(a))).error());
    }

    @Test
    void anExpiredHoldersLockGoesToTheNextWaiterWithTheExpirysIndexAsToken() {
        long a = locks.open();
        long b = locks.open();
        locks.acquire(a, "x");
        locks.acquire(b, "x");
        long expiryIndex = locks.nextIndex();
        locks.apply(new LockCommand.Expire(a, locks.renewalOf(a)));
        assertEquals(List.of(new LockResult.Holder(b, expiryIndex, 1)), locks.holders("x").holders());
    }

    /** etcd issue #11456: a waiter whose session expired while it waited was told it held the lock. */
    @Test
    void aWaiterWhoseSessionExpiredWhileWaitingIsNeverToldItHoldsTheLock() {
        long holder = locks.open();
        long waiter = locks.open();
        locks.acquire(holder, "x");
        assertEquals(new LockResult.Queued("x", 1), locks.acquire(waiter, "x"));
        assertEquals(Optional.empty(), locks.awaitGrant(waiter, "x"));

        locks.apply(new LockCommand.Expire(waiter, locks.renewalOf(waiter)));
        locks.release(holder, "x");

        LockResult outcome = locks.awaitGrant(waiter, "x").orElseThrow();
        assertEquals(LockError.SESSION_EXPIRED, failure(outcome).error(), "told " + outcome);
        assertEquals(List.of(), locks.holderSessions("x"), "the lock must be free, not granted to the expired waiter");
    }

    @Test
    void badInputIsRefusedWithAnErrorNamingTheCause() {
        long a = locks.open();
        assertError(LockError.UNKNOWN_SESSION, "session 999", locks.acquire(999, "x"));
        assertError(LockError.NOT_HELD, "does not hold 'x'", locks.release(a, "x"));
        assertError(LockError.INVALID_TTL, "-5 ms", locks.apply(new LockCommand.OpenSession(-5)));
        assertError(LockError.INVALID_TTL, "0 ms", locks.apply(new LockCommand.OpenSession(0)));
        assertError(LockError.INVALID_TTL, Long.MAX_VALUE + " ms",
                locks.apply(new LockCommand.OpenSession(Long.MAX_VALUE)));
        assertError(LockError.INVALID_NAME, "exceeds the limit of 256 bytes", locks.acquire(a, "n".repeat(300)));
        assertError(LockError.INVALID_NAME, "empty", locks.acquire(a, ""));
        assertError(LockError.INVALID_NAME, "control character", locks.acquire(a, "a\nb"));
        assertError(LockError.NOT_WAITING, "not waiting", locks.apply(new LockCommand.Cancel(a, "x")));
        assertError(LockError.MALFORMED, "unknown command tag", locks.applyBytes(new byte[] {99}));
        assertError(LockError.MALFORMED, "ends early", locks.applyBytes(new byte[] {4, 0, 0}));
        assertError(LockError.MALFORMED, "left over", locks.applyBytes(new byte[] {2, 0, 0, 0, 0, 0, 0, 0, 1, 7}));
        assertError(LockError.MALFORMED, "empty", locks.applyBytes(new byte[0]));
    }

    @Test
    void aSessionHoldsOrWaitsForABoundedNumberOfLocks() {
        long a = locks.open();
        for (int i = 0; i < 1_000; i++) {
            assertInstanceOf(LockResult.Granted.class, locks.acquire(a, "lock-" + i));
        }
        assertError(LockError.LIMIT_REACHED, "1000 locks", locks.acquire(a, "one-too-many"));
    }

    @Test
    void aSnapshotRestoresTheSameTable() throws IOException {
        long a = locks.open();
        long b = locks.open();
        locks.acquire(a, "x");
        locks.acquire(b, "x");
        locks.share(b, "y");
        long c = locks.open();
        locks.apply(new LockCommand.Expire(c, locks.renewalOf(c)));

        LockDriver restored = new LockDriver();
        restored.machine.restore(new ByteArrayInputStream(snapshotOf(locks.machine)));
        assertEquals(locks.holders("x"), restored.holders("x"));
        assertEquals(locks.holders("y"), restored.holders("y"));
        assertEquals(LockError.SESSION_EXPIRED, failure(restored.acquire(c, "z")).error());
        assertTrue(java.util.Arrays.equals(snapshotOf(locks.machine), snapshotOf(restored.machine)));
    }

    @Test
    void aDamagedSnapshotIsRefused() throws IOException {
        locks.acquire(locks.open(), "x");
        byte[] bytes = snapshotOf(locks.machine);
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 3);
        assertThrows(IOException.class, () -> new LockStateMachine().restore(new ByteArrayInputStream(truncated)));
        bytes[3] = 9;
        IOException version = assertThrows(IOException.class,
                () -> new LockStateMachine().restore(new ByteArrayInputStream(bytes)));
        assertTrue(version.getMessage().contains("version"), version.getMessage());
    }

    private static byte[] snapshotOf(LockStateMachine machine) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        machine.snapshot().writeTo(out);
        return out.toByteArray();
    }

    private static LockResult.Failure failure(LockResult result) {
        return assertInstanceOf(LockResult.Failure.class, result);
    }

    private static void assertError(LockError error, String mentions, LockResult result) {
        LockResult.Failure failure = failure(result);
        assertEquals(error, failure.error(), failure.message());
        assertTrue(failure.message().contains(mentions), "'" + failure.message() + "' should mention " + mentions);
    }
}
