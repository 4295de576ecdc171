package io.github.raftkit.examples.lock.machine;

import io.github.raftkit.api.statemachine.Command;
import io.github.raftkit.examples.lock.command.LockCodec;
import io.github.raftkit.examples.lock.command.LockCommand;
import io.github.raftkit.examples.lock.command.LockMode;
import io.github.raftkit.examples.lock.command.LockQuery;
import io.github.raftkit.examples.lock.command.LockResult;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Applies commands to a {@link LockStateMachine} at consecutive log indexes, as a replica would, and decodes answers. */
final class LockDriver {
    final LockStateMachine machine;
    private long index;

    LockDriver() {
        this(new LockStateMachine());
    }

    LockDriver(LockStateMachine machine) {
        this.machine = machine;
    }

    /** The index the next command will be applied at. */
    long nextIndex() {
        return index + 1;
    }

    LockResult apply(LockCommand command) {
        return applyBytes(LockCodec.encode(command));
    }

    LockResult applyBytes(byte[] payload) {
        index++;
        return LockCodec.decodeResult(machine.apply(List.of(new Command(index, 1, payload))).get(0));
    }

    LockResult query(LockQuery query) {
        return LockCodec.decodeResult(machine.query(LockCodec.encode(query)));
    }

    Optional<LockResult> awaitGrant(long session, String name) {
        return machine.answerIfReady(LockCodec.encode(new LockQuery.AwaitGrant(session, name)))
                .map(LockCodec::decodeResult);
    }

    long open(Duration ttl) {
        return ((LockResult.SessionOpened) apply(new LockCommand.OpenSession(ttl.toMillis()))).session();
    }

    long open() {
        return open(Duration.ofSeconds(10));
    }

    LockResult acquire(long session, String name) {
        return apply(new LockCommand.Acquire(session, name, LockMode.EXCLUSIVE, true));
    }

    LockResult share(long session, String name) {
        return apply(new LockCommand.Acquire(session, name, LockMode.SHARED, true));
    }

    LockResult release(long session, String name) {
        return apply(new LockCommand.Release(session, name));
    }

    LockResult.Holders holders(String name) {
        return (LockResult.Holders) query(new LockQuery.Holders(name));
    }

    List<Long> holderSessions(String name) {
        return holders(name).holders().stream().map(LockResult.Holder::session).toList();
    }

    long renewalOf(long session) {
        return ((LockResult.SessionState) query(new LockQuery.SessionInfo(session))).renewal();
    }
}
