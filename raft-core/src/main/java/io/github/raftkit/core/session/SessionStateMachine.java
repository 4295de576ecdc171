package io.github.raftkit.core.session;

import io.github.raftkit.api.SessionPolicy;
import io.github.raftkit.api.statemachine.Command;
import io.github.raftkit.api.statemachine.Snapshot;
import io.github.raftkit.api.statemachine.StateMachine;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Wraps the user's {@link StateMachine} with the client sessions that make writes exactly-once (dissertation §6.3).
 * It unwraps each committed entry's {@link Envelope}: plain commands go straight to the user's state machine; a
 * registration opens a session; a client write is applied only if the {@link SessionTable} has not seen it, and a
 * duplicate is answered from the {@link ReplyCache}. The table is part of every snapshot, written before the user's
 * state, so a member restored from a snapshot skips the same duplicates as one that applied the whole log.
 *
 * <p>Same threading as the wrapped state machine: one apply thread, and snapshot views written on another.
 */
public final class SessionStateMachine implements StateMachine {
    private static final int SNAPSHOT_MAGIC = 0x524B5353; // "RKSS"

    private final StateMachine user;
    private final SessionTable table;
    private final ReplyCache replies;
    private final LongAdder retriesAnswered = new LongAdder();
    private final LongAdder retriesUnanswerable = new LongAdder();

    public SessionStateMachine(StateMachine user, SessionPolicy policy) {
        this.user = user;
        this.table = new SessionTable(policy);
        this.replies = new ReplyCache(policy.replyCacheBytes());
    }

    /** The log entry for a command proposed without a session. */
    public static byte[] plainCommand(byte[] payload) {
        return Envelope.plain(payload);
    }

    /** The log entry that opens a session, stamped with the leader's wall-clock time. */
    public static byte[] registerCommand(long leaderMillis) {
        return Envelope.register(leaderMillis);
    }

    /** The log entry for a client's write, stamped with the leader's wall-clock time. */
    public static byte[] writeCommand(long clientId, long sequence, long acknowledgedBelow, long leaderMillis,
                                      byte[] payload) {
        return Envelope.write(clientId, sequence, acknowledgedBelow, leaderMillis, payload);
    }

    /** Duplicate writes answered with their cached result so far; readable from any thread. */
    public long retriesAnswered() {
        return retriesAnswered.sum();
    }

    /** Duplicate writes whose result was no longer cached so far; readable from any thread. */
    public long retriesUnanswerable() {
        return retriesUnanswerable.sum();
    }

    @Override
    public List<byte[]> apply(List<Command> commands) {
        Batch batch = new Batch(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            Command command = commands.get(i);
            Envelope envelope = Envelope.decode(command.payload());
            if (envelope instanceof Envelope.Plain plain) {
                batch.toUser(i, new Command(command.index(), command.term(), plain.payload()), 0, 0);
            } else if (envelope instanceof Envelope.Register register) {
                batch.answer(i, SessionReply.registered(table.register(command.index(), register.leaderMillis())));
            } else if (envelope instanceof Envelope.Write write) {
                applyWrite(batch, i, command, write);
            } else if (envelope instanceof Envelope.Malformed malformed) {
                batch.answer(i, SessionReply.malformed(malformed.problem() + " at index " + command.index()));
            }
        }
        batch.flush();
        return Arrays.asList(batch.results);
    }

    private void applyWrite(Batch batch, int position, Command command, Envelope.Write write) {
        switch (table.admit(write.clientId(), write.sequence(), write.acknowledgedBelow(), write.leaderMillis())) {
            case NEW -> batch.toUser(position, new Command(command.index(), command.term(), write.payload()),
                    write.clientId(), write.sequence());
            case DUPLICATE -> {
                // The first copy may still wait in this batch; its result must be cached before the lookup.
                batch.flush();
                Optional<byte[]> cached = replies.get(write.clientId(), write.sequence());
                (cached.isPresent() ? retriesAnswered : retriesUnanswerable).increment();
                batch.answer(position, cached.map(SessionReply::ok).orElseGet(SessionReply::unavailable));
            }
            case ACKNOWLEDGED -> batch.answer(position, SessionReply.unavailable());
            case UNKNOWN_SESSION -> batch.answer(position, SessionReply.expired());
            case TOO_MANY_UNACKNOWLEDGED -> batch.answer(position, SessionReply.tooMany());
        }
    }

    /** Where a command for the user came from: its position in the batch, and its session if it has one. */
    private record Queued(int position, long clientId, long sequence) {
        boolean inSession() {
            return clientId != 0;
        }
    }

    /** Consecutive commands for the user's state machine, applied together, and every position's result. */
    private final class Batch {
        final byte[][] results;
        final List<Command> pending = new ArrayList<>();
        final List<Queued> origins = new ArrayList<>();

        Batch(int size) {
            results = new byte[size][];
        }

        void answer(int position, byte[] result) {
            results[position] = result;
        }

        /** Queues a command for the user; {@code clientId} 0 marks one without a session. */
        void toUser(int position, Command command, long clientId, long sequence) {
            pending.add(command);
            origins.add(new Queued(position, clientId, sequence));
        }

        void flush() {
            if (pending.isEmpty()) {
                return;
            }
            List<byte[]> answers = user.apply(List.copyOf(pending));
            if (answers == null || answers.size() != pending.size()) {
                throw new IllegalStateException("the state machine returned " + (answers == null ? "null"
                        : answers.size() + " results") + " for " + pending.size() + " commands (entries "
                        + pending.get(0).index() + ".." + pending.get(pending.size() - 1).index() + ")");
            }
            for (int j = 0; j < answers.size(); j++) {
                Queued origin = origins.get(j);
                byte[] answer = answers.get(j);
                if (origin.inSession()) {
                    replies.put(origin.clientId(), origin.sequence(), answer);
                    answer = SessionReply.ok(answer);
                }
                results[origin.position()] = answer;
            }
            pending.clear();
            origins.clear();
        }
    }

    @Override
    public byte[] query(byte[] query) {
        return user.query(query);
    }

    @Override
    public Snapshot snapshot() {
        SessionTable sessions = table.copy();
        Snapshot state = user.snapshot();
        return out -> {
            DataOutputStream data = new DataOutputStream(out);
            data.writeInt(SNAPSHOT_MAGIC);
            sessions.writeTo(data);
            data.flush();
            state.writeTo(out);
        };
    }

    @Override
    public void restore(InputStream in) throws IOException {
        // Unbuffered on purpose: the user's state machine reads the rest of this very stream.
        DataInputStream data = new DataInputStream(in);
        int magic = data.readInt();
        if (magic != SNAPSHOT_MAGIC) {
            throw new IOException("snapshot does not start with the session table (magic " + Integer.toHexString(magic)
                    + ")");
        }
        table.readFrom(data);
        user.restore(in);
    }
}
