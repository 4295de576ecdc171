package io.github.raftkit.core.memory;

import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.spi.StorageContext;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Where the memory stores keep their contents: one process-wide registry keyed by group, member and kind of store.
 * A server that is stopped and started again in the same JVM therefore recovers its log, term and vote as it would
 * from disk. Nothing is lost on a stop, since there is no crash to simulate here: {@code sync} has nothing to do.
 *
 * <p>Tests that reuse group and member names call {@link #forget(GroupId)} or {@link #clear()} between runs.
 * Thread-safe.
 */
public final class MemoryStorage {
    private record Key(GroupId group, NodeId node, Class<?> kind) {
    }

    private static final ConcurrentMap<Key, Object> CONTENTS = new ConcurrentHashMap<>();

    private MemoryStorage() {
    }

    /** The contents of one kind for the member of {@code context}, created empty the first time. */
    static <T> T contents(StorageContext context, Class<T> kind, Supplier<T> empty) {
        return kind.cast(CONTENTS.computeIfAbsent(new Key(context.group(), context.node(), kind), k -> empty.get()));
    }

    /** Drops everything stored for {@code group}; stores still open keep working on what they held. */
    public static void forget(GroupId group) {
        CONTENTS.keySet().removeIf(key -> key.group().equals(group));
    }

    /** Drops everything stored for every group. */
    public static void clear() {
        CONTENTS.clear();
    }
}
