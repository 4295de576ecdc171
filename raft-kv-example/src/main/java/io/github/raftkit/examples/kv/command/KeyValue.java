package io.github.raftkit.examples.kv.command;

import java.util.Objects;

/**
 * A key with its value and its history, as etcd reports it. Revisions are log indexes, so they are the same on every
 * replica and order all writes of the store. Immutable.
 *
 * @param key the key
 * @param value the value
 * @param createRevision the revision (log index) of the write that created the key, since it last did not exist
 * @param modRevision the revision of the latest write to the key; a compare-and-set names it
 * @param version how many writes the key has had since it was created: 1 after the creating write
 */
public record KeyValue(Bytes key, Bytes value, long createRevision, long modRevision, long version) {
    public KeyValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
