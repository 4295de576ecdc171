package io.github.raftkit.examples.kv.command;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a compare-and-set. Immutable.
 *
 * @param succeeded whether the expected revision matched and the value was written
 * @param current the key's entry after the command: the new one on success, the one that did not match on failure
 *     (empty if the key does not exist), so a caller can retry without reading again
 * @param revision the revision (log index) of the command
 */
public record CasResult(boolean succeeded, Optional<KeyValue> current, long revision) implements KvResult {
    public CasResult {
        Objects.requireNonNull(current, "current");
    }
}
