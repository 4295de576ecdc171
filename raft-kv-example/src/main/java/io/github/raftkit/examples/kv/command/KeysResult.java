package io.github.raftkit.examples.kv.command;

import java.util.List;

/**
 * One page of the keys matching a pattern. Immutable.
 *
 * @param keys the keys, in unsigned byte order
 * @param more whether more keys may match; ask again after the last key of this page to get them
 */
public record KeysResult(List<Bytes> keys, boolean more) implements KvResult {
    public KeysResult {
        keys = List.copyOf(keys);
    }
}
