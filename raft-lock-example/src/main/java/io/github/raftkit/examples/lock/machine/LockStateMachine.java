package io.github.raftkit.examples.lock.machine;

import io.github.raftkit.api.statemachine.BlockingQueries;
import io.github.raftkit.api.statemachine.Command;
import io.github.raftkit.api.statemachine.LeaderContext;
import io.github.raftkit.api.statemachine.LeaderDuties;
import io.github.raftkit.api.statemachine.Snapshot;
import io.github.raftkit.api.statemachine.StateMachine;
import io.github.raftkit.examples.lock.command.LockCodec;
import io.github.raftkit.examples.lock.command.LockError;
import io.github.raftkit.examples.lock.command.LockQuery;
import io.github.raftkit.examples.lock.command.LockResult;
import java.io.InputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lock service as a replicated state machine (provider name {@code lock}): commands and queries in
 * {@link LockCodec}'s form go to the {@link LockTable}; as leader, {@link SessionExpiry} proposes the expiry of
 * sessions that were not renewed within their time to live; and a waiter's {@link LockQuery.AwaitGrant} is held by
 * its member until the grant (or the end of its session) is applied, which is how grants are pushed to waiters.
 *
 * <p>Malformed input is answered with a {@link LockError#MALFORMED} result rather than an exception, because an
 * exception from apply would stop the member. Called on the apply thread only, as the {@link StateMachine} contract
 * says.
 */
public final class LockStateMachine implements StateMachine, LeaderDuties, BlockingQueries {
    /** How often the leader looks for sessions that outlived their time to live. */
    public static final Duration DEFAULT_EXPIRY_CHECK = Duration.ofMillis(100);

    private final LockTable table = new LockTable();
    private final SessionExpiry expiry;

    public LockStateMachine() {
        this(DEFAULT_EXPIRY_CHECK);
    }

    /** A lock service whose leader checks for expired sessions every {@code expiryCheck}. */
    public LockStateMachine(Duration expiryCheck) {
        this.expiry = new SessionExpiry(table, expiryCheck);
    }

    @Override
    public List<byte[]> apply(List<Command> commands) {
        List<byte[]> results = new ArrayList<>(commands.size());
        for (Command command : commands) {
            LockResult result;
            try {
                result = table.apply(command.index(), LockCodec.decodeCommand(command.payload()));
            } catch (LockCodec.MalformedException e) {
                result = new LockResult.Failure(LockError.MALFORMED, e.getMessage());
            }
            results.add(LockCodec.encode(result));
        }
        return results;
    }

    @Override
    public byte[] query(byte[] query) {
        try {
            return LockCodec.encode(table.query(LockCodec.decodeQuery(query)));
        } catch (LockCodec.MalformedException e) {
            return LockCodec.encode(new LockResult.Failure(LockError.MALFORMED, e.getMessage()));
        }
    }

    @Override
    public Optional<byte[]> answerIfReady(byte[] query) {
        LockQuery decoded;
        try {
            decoded = LockCodec.decodeQuery(query);
        } catch (LockCodec.MalformedException e) {
            return Optional.of(query(query));
        }
        if (decoded instanceof LockQuery.AwaitGrant await) {
            return table.awaitOutcome(await).map(LockCodec::encode);
        }
        return Optional.of(LockCodec.encode(table.query(decoded)));
    }

    @Override
    public Snapshot snapshot() {
        byte[] state = SnapshotFormat.encode(table);
        return out -> out.write(state);
    }

    @Override
    public void restore(InputStream in) throws IOException {
        SnapshotFormat.restore(in, table);
    }

    @Override
    public void leaderStarted(LeaderContext context) {
        expiry.start(context);
    }

    @Override
    public void leaderStopped() {
        expiry.stop();
    }
}
