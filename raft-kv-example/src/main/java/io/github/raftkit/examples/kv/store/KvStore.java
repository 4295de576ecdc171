package io.github.raftkit.examples.kv.store;

import io.github.raftkit.api.statemachine.Command;
import io.github.raftkit.api.statemachine.Snapshot;
import io.github.raftkit.api.statemachine.StateMachine;
import io.github.raftkit.examples.kv.command.Bytes;
import io.github.raftkit.examples.kv.command.CasResult;
import io.github.raftkit.examples.kv.command.DeleteResult;
import io.github.raftkit.examples.kv.command.IncrementResult;
import io.github.raftkit.examples.kv.command.KeyValue;
import io.github.raftkit.examples.kv.command.KvCommand;
import io.github.raftkit.examples.kv.command.KvError;
import io.github.raftkit.examples.kv.command.KvLimits;
import io.github.raftkit.examples.kv.command.KvQuery;
import io.github.raftkit.examples.kv.command.KvResult;
import io.github.raftkit.examples.kv.command.PutCondition;
import io.github.raftkit.examples.kv.command.PutResult;
import io.github.raftkit.examples.kv.command.RequestCheck;
import io.github.raftkit.examples.kv.command.RequestCodec;
import io.github.raftkit.examples.kv.command.ResultCodec;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The key-value state machine: byte-string keys and values, each key with etcd's create revision, mod revision and
 * version, where a revision is the log index of the command that wrote ({@link Command#index()}), the same on every
 * replica. Commands and results are in {@link RequestCodec}'s and {@link ResultCodec}'s binary form; a command that
 * does not decode, or breaks the {@link KvLimits}, is applied as an error result that changes nothing, never as an
 * exception (which would stop this member).
 *
 * <p><b>Threading.</b> Called by the server's apply thread only, as {@link StateMachine} promises, so the one mutable
 * field needs no lock. The entries are a persistent tree: a snapshot view is the current root, which the snapshot
 * thread writes while applying goes on.
 *
 * <p><b>Determinism.</b> Results depend only on the entries, the command and its index, and the limits, which must
 * therefore be the same on every member.
 */
public final class KvStore implements StateMachine {
    private final RequestCheck check;
    private KeyTree entries = KeyTree.EMPTY;

    /** A store with {@link KvLimits#DEFAULT}. */
    public KvStore() {
        this(KvLimits.DEFAULT);
    }

    public KvStore(KvLimits limits) {
        this.check = new RequestCheck(limits);
    }

    @Override
    public List<byte[]> apply(List<Command> commands) {
        List<byte[]> results = new ArrayList<>(commands.size());
        for (Command command : commands) {
            results.add(ResultCodec.encode(apply(command.index(), RequestCodec.decodeCommand(command.payload()))));
        }
        return results;
    }

    @Override
    public byte[] query(byte[] query) {
        KvQuery decoded = RequestCodec.decodeQuery(query);
        Optional<KvResult.Failure> refused = check.check(decoded);
        return ResultCodec.encode(refused.isPresent() ? refused.get() : QueryEvaluator.answer(entries, decoded));
    }

    /** The current root: immutable, so the view costs nothing and shares nothing mutable with the live store. */
    @Override
    public Snapshot snapshot() {
        KeyTree view = entries;
        return out -> SnapshotFormat.write(view, out);
    }

    @Override
    public void restore(InputStream in) throws IOException {
        entries = SnapshotFormat.read(in);
    }

    private KvResult apply(long revision, KvCommand command) {
        Optional<KvResult.Failure> refused = check.check(command);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (command instanceof KvCommand.Put put) {
            return put(revision, put);
        }
        if (command instanceof KvCommand.PutAll putAll) {
            putAll.pairs().forEach(pair -> write(revision, pair.key(), pair.value(), entries.get(pair.key())));
            return new KvResult.Written(revision);
        }
        if (command instanceof KvCommand.Delete delete) {
            long deleted = 0;
            for (Bytes key : delete.keys()) {
                KeyTree before = entries;
                entries = entries.remove(key);
                deleted += before == entries ? 0 : 1;
            }
            return new DeleteResult(deleted, revision);
        }
        if (command instanceof KvCommand.CompareAndSet cas) {
            Optional<KeyValue> current = entries.get(cas.key());
            long actual = current.map(KeyValue::modRevision).orElse(0L);
            if (actual != cas.expectedModRevision()) {
                return new CasResult(false, current, revision);
            }
            return new CasResult(true, Optional.of(write(revision, cas.key(), cas.value(), current)), revision);
        }
        if (command instanceof KvCommand.Increment increment) {
            return increment(revision, increment);
        }
        throw new IllegalArgumentException("the check let through " + command);
    }

    private PutResult put(long revision, KvCommand.Put put) {
        Optional<KeyValue> previous = entries.get(put.key());
        boolean allowed = put.condition() == PutCondition.ALWAYS
                || put.condition() == PutCondition.IF_ABSENT && previous.isEmpty()
                || put.condition() == PutCondition.IF_PRESENT && previous.isPresent();
        if (allowed) {
            write(revision, put.key(), put.value(), previous);
        }
        return new PutResult(allowed, previous, revision);
    }

    private KvResult increment(long revision, KvCommand.Increment increment) {
        Optional<KeyValue> current = entries.get(increment.key());
        OptionalLong before = current.isPresent() ? DecimalInteger.parse(current.get().value()) : OptionalLong.of(0);
        if (before.isEmpty()) {
            return new KvResult.Failure(KvError.NOT_AN_INTEGER, "the value of " + increment.key()
                    + " is not a decimal 64-bit integer");
        }
        long after;
        try {
            after = Math.addExact(before.getAsLong(), increment.delta());
        } catch (ArithmeticException e) {
            return new KvResult.Failure(KvError.OVERFLOW, "adding " + increment.delta() + " to " + before.getAsLong()
                    + " at " + increment.key() + " leaves the 64-bit range");
        }
        write(revision, increment.key(), DecimalInteger.format(after), current);
        return new IncrementResult(after, revision);
    }

    /**
     * Stores {@code value} at {@code key} as of {@code revision}, keeping the create revision of a key that exists.
     * A key written twice by one command (a multi-put naming it twice) counts one write in its version. The caller
     * passes the entry it already looked up, {@code previous}, so that a write walks the tree once to find and once
     * to store: this is the hot path of every put.
     */
    private KeyValue write(long revision, Bytes key, Bytes value, Optional<KeyValue> previous) {
        KeyValue entry = previous
                .map(old -> new KeyValue(key, value, old.createRevision(), revision,
                        old.modRevision() == revision ? old.version() : old.version() + 1))
                .orElseGet(() -> new KeyValue(key, value, revision, revision, 1));
        entries = previous.isPresent() ? entries.replace(entry) : entries.insert(entry);
        return entry;
    }
}
