package io.github.raftkit.examples.kv.store;

import io.github.raftkit.examples.kv.command.Bytes;
import io.github.raftkit.examples.kv.command.KeyValue;
import io.github.raftkit.examples.kv.command.KeysResult;
import io.github.raftkit.examples.kv.command.KvQuery;
import io.github.raftkit.examples.kv.command.KvResult;
import io.github.raftkit.examples.kv.command.ScanResult;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Answers a valid query from one version of the entries, which it only reads. Stateless. */
final class QueryEvaluator {

    private QueryEvaluator() {
    }

    static KvResult answer(KeyTree entries, KvQuery query) {
        if (query instanceof KvQuery.Get get) {
            return new KvResult.Entries(get.keys().stream().map(entries::get).toList());
        }
        if (query instanceof KvQuery.Exists exists) {
            return new KvResult.Count(exists.keys().stream().filter(key -> entries.get(key).isPresent()).count());
        }
        if (query instanceof KvQuery.Count) {
            return new KvResult.Count(entries.size());
        }
        if (query instanceof KvQuery.Scan scan) {
            List<KeyValue> page = new ArrayList<>();
            boolean more = collect(range(entries, scan.prefix(), scan.after()), scan.prefix(), entry -> true,
                    scan.limit(), page);
            return new ScanResult(page, more);
        }
        if (query instanceof KvQuery.Keys keys) {
            KeyPattern pattern = new KeyPattern(keys.pattern());
            Bytes prefix = pattern.literalPrefix();
            List<KeyValue> page = new ArrayList<>();
            boolean more = collect(range(entries, prefix, keys.after()), prefix,
                    entry -> pattern.matches(entry.key()), keys.limit(), page);
            return new KeysResult(page.stream().map(KeyValue::key).toList(), more);
        }
        throw new IllegalArgumentException("not a valid query: " + query);
    }

    /** The entries from the first key with {@code prefix} that comes after {@code after}, if given. */
    private static Iterator<KeyValue> range(KeyTree entries, Bytes prefix, Optional<Bytes> after) {
        return after.filter(key -> key.compareTo(prefix) >= 0)
                .map(key -> entries.from(key, false))
                .orElseGet(() -> entries.from(prefix, true));
    }

    /**
     * Adds to {@code page} up to {@code limit} entries that have {@code prefix} and pass {@code filter}; returns
     * whether another such entry follows.
     */
    private static boolean collect(Iterator<KeyValue> range, Bytes prefix, Predicate<KeyValue> filter, int limit,
                                   List<KeyValue> page) {
        while (range.hasNext()) {
            KeyValue entry = range.next();
            if (!entry.key().startsWith(prefix)) {
                return false;
            }
            if (filter.test(entry)) {
                if (page.size() == limit) {
                    return true;
                }
                page.add(entry);
            }
        }
        return false;
    }
}
