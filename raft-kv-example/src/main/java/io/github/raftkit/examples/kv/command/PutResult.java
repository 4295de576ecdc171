package io.github.raftkit.examples.kv.command;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a put. Immutable.
 *
 * @param written whether the value was written: false when its {@link PutCondition} did not hold
 * @param previous the entry before the put, if the key existed
 * @param revision the revision (log index) of the put, the key's new {@code modRevision} if written
 */
public record PutResult(boolean written, Optional<KeyValue> previous, long revision) implements KvResult {
    public PutResult {
        Objects.requireNonNull(previous, "previous");
    }
}
