package io.github.raftkit.examples.kv.command;

import java.util.List;

/**
 * One page of a prefix scan. Immutable.
 *
 * @param entries the entries, in unsigned byte order of their keys
 * @param more whether more keys with the prefix follow; scan again after the last key of this page to get them
 */
public record ScanResult(List<KeyValue> entries, boolean more) implements KvResult {
    public ScanResult {
        entries = List.copyOf(entries);
    }
}
