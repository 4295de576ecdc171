package io.github.raftkit.testkit.linearizability;

import io.github.raftkit.testkit.linearizability.LockModel.Acquire;
import io.github.raftkit.testkit.linearizability.LockModel.Expire;
import io.github.raftkit.testkit.linearizability.LockModel.Granted;
import io.github.raftkit.testkit.linearizability.LockModel.HeldBy;
import io.github.raftkit.testkit.linearizability.LockModel.Holders;
import io.github.raftkit.testkit.linearizability.LockModel.Input;
import io.github.raftkit.testkit.linearizability.LockModel.Mode;
import io.github.raftkit.testkit.linearizability.LockModel.Output;
import io.github.raftkit.testkit.linearizability.LockModel.Release;
import io.github.raftkit.testkit.linearizability.LockModel.Released;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A lock history written by hand as a {@link Timeline}. Each client is the owner it acts for, so a line reads
 * "owner 1 was granted the lock exclusively with token 3 between times 0 and 1".
 */
final class LockTimeline extends Timeline<Input, Output, LockTimeline> {

    LockTimeline exclusive(int owner, long token, long invoked, long returned) {
        return add(owner, new Acquire(owner, Mode.EXCLUSIVE), new Granted(token), invoked, returned, OpStatus.OK);
    }

    LockTimeline shared(int owner, long token, long invoked, long returned) {
        return add(owner, new Acquire(owner, Mode.SHARED), new Granted(token), invoked, returned, OpStatus.OK);
    }

    /** An acquire whose client gave up waiting: it may be granted at any time after {@code invoked}, or never. */
    LockTimeline timedOutAcquire(int owner, Mode mode, long invoked) {
        return add(owner, new Acquire(owner, mode), null, invoked, invoked, OpStatus.INFO);
    }

    /** A try-acquire the service refused: the lock was not granted. */
    LockTimeline refusedAcquire(int owner, Mode mode, long invoked, long returned) {
        return add(owner, new Acquire(owner, mode), null, invoked, returned, OpStatus.FAIL);
    }

    LockTimeline release(int owner, long invoked, long returned) {
        return add(owner, new Release(owner), new Released(), invoked, returned, OpStatus.OK);
    }

    /** A release whose client gave up waiting. */
    LockTimeline timedOutRelease(int owner, long invoked) {
        return add(owner, new Release(owner), null, invoked, invoked, OpStatus.INFO);
    }

    /** {@code owner}'s session expired at some instant after {@code since}, when it stopped believing it held. */
    LockTimeline expiry(int owner, long since) {
        return add(owner, new Expire(owner), null, since, since, OpStatus.INFO);
    }

    LockTimeline holders(int client, long invoked, long returned, long... owners) {
        return add(client, new Holders(), new HeldBy(Arrays.stream(owners).boxed().collect(Collectors.toSet())),
                invoked, returned, OpStatus.OK);
    }

    @Override
    Model<?, Input, Output> model() {
        return new LockModel();
    }

    @Override
    LockTimeline self() {
        return this;
    }
}
