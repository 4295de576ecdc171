package io.github.raftkit.examples.kv.command;

import java.util.List;
import java.util.Objects;

/**
 * A write to the store, as a client submits it and every replica applies it. {@link RequestCodec} turns it into the
 * bytes of a log entry and back. Immutable.
 */
public sealed interface KvCommand {

    /** The keys the command names, which {@link KvLimits} checks. */
    List<Bytes> keys();

    /** The values the command writes, which {@link KvLimits} checks. */
    default List<Bytes> values() {
        return List.of();
    }

    /** A command on one key. */
    sealed interface OnOneKey extends KvCommand permits Put, CompareAndSet, Increment {
        Bytes key();

        @Override
        default List<Bytes> keys() {
            return List.of(key());
        }
    }

    /** Sets {@code key} to {@code value} when {@code condition} holds (Redis {@code SET} with NX or XX). */
    record Put(Bytes key, Bytes value, PutCondition condition) implements OnOneKey {
        public Put {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(condition, "condition");
        }

        @Override
        public List<Bytes> values() {
            return List.of(value);
        }
    }

    /** Sets every pair at once, in order, so a key named twice ends with its last value (Redis {@code MSET}). */
    record PutAll(List<KeyValuePair> pairs) implements KvCommand {
        public PutAll {
            pairs = List.copyOf(pairs);
        }

        @Override
        public List<Bytes> keys() {
            return pairs.stream().map(KeyValuePair::key).toList();
        }

        @Override
        public List<Bytes> values() {
            return pairs.stream().map(KeyValuePair::value).toList();
        }
    }

    /** Deletes the keys that exist (Redis {@code DEL}). */
    record Delete(List<Bytes> keys) implements KvCommand {
        public Delete {
            keys = List.copyOf(keys);
        }
    }

    /**
     * Sets {@code key} to {@code value} only if its {@link KeyValue#modRevision()} is {@code expectedModRevision};
     * {@code 0} means the key must not exist (as an etcd transaction comparing {@code mod_revision}).
     */
    record CompareAndSet(Bytes key, long expectedModRevision, Bytes value) implements OnOneKey {
        public CompareAndSet {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public List<Bytes> values() {
            return List.of(value);
        }
    }

    /** Adds {@code delta} to the decimal integer at {@code key}, a missing key counting as 0 (Redis {@code INCRBY}). */
    record Increment(Bytes key, long delta) implements OnOneKey {
        public Increment {
            Objects.requireNonNull(key, "key");
        }
    }

    /** Bytes that did not decode to a command; the store answers {@link KvError#MALFORMED} and changes nothing. */
    record Malformed(String reason) implements KvCommand {
        @Override
        public List<Bytes> keys() {
            return List.of();
        }
    }

    /** One key and the value to set it to. */
    record KeyValuePair(Bytes key, Bytes value) {
        public KeyValuePair {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }
}
