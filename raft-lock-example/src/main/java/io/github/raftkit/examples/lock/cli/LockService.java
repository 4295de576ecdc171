package io.github.raftkit.examples.lock.cli;

import io.github.raftkit.api.client.ClientConfig;
import io.github.raftkit.api.client.RaftClient;
import io.github.raftkit.core.assembly.RaftClients;
import io.github.raftkit.examples.lock.client.LockClient;
import io.github.raftkit.examples.lock.client.LockException;
import io.github.raftkit.examples.lock.command.LockCodec;
import io.github.raftkit.examples.lock.command.LockCommand;
import io.github.raftkit.examples.lock.command.LockQuery;
import io.github.raftkit.examples.lock.command.LockResult;

/**
 * The lock service through a plain {@link RaftClient}, for the commands that act on any session rather than on one
 * of their own: a {@link LockClient} opens and keeps its own session, which an operator's look or release must not
 * do. Refusals throw {@link LockException}; the cluster's failures the client's
 * {@link io.github.raftkit.api.error.RaftException}. Used on the command's thread.
 */
final class LockService implements AutoCloseable {
    private final RaftClient raft;

    private LockService(RaftClient raft) {
        this.raft = raft;
    }

    static LockService connect(ClientConfig config) {
        return new LockService(RaftClients.connect(config));
    }

    /** Who holds {@code name} and who waits for it, as of a linearizable read. */
    LockResult.Holders holders(String name) {
        return expect(query(new LockQuery.Holders(name)), LockResult.Holders.class);
    }

    /** An open session's state; refused with {@code UNKNOWN_SESSION} or {@code SESSION_EXPIRED} otherwise. */
    LockResult.SessionState session(long session) {
        return expect(query(new LockQuery.SessionInfo(session)), LockResult.SessionState.class);
    }

    /** Releases one hold of {@code name} by {@code session}, on its behalf; this renews the session too. */
    LockResult.Released release(long session, String name) {
        byte[] answer = raft.submit(LockCodec.encode(new LockCommand.Release(session, name)));
        return expect(LockCodec.decodeResult(answer), LockResult.Released.class);
    }

    private LockResult query(LockQuery query) {
        return LockCodec.decodeResult(raft.query(LockCodec.encode(query)));
    }

    private static <T extends LockResult> T expect(LockResult result, Class<T> type) {
        if (type.isInstance(result)) {
            return type.cast(result);
        }
        if (result instanceof LockResult.Failure failure) {
            throw new LockException(failure.error(), failure.message());
        }
        throw new IllegalStateException("the lock service answered " + result + " where a "
                + type.getSimpleName() + " was due");
    }

    @Override
    public void close() {
        raft.close();
    }
}
