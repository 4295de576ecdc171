package io.github.raftkit.core.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;

/**
 * The results of recent client writes, kept so that a retry gets the same answer (dissertation §6.3). Bounded by
 * bytes; local to a member and never consulted for a decision: whether a write is a duplicate comes from the
 * {@link SessionTable} alone, and an evicted result only turns a duplicate's answer into "result no longer
 * available". Thread-safe (Caffeine); written and read on the apply thread.
 */
final class ReplyCache {
    /** What an entry costs besides its result: key, node and reference overhead, roughly. */
    private static final int ENTRY_OVERHEAD = 64;

    private record Key(long clientId, long sequence) {
    }

    private final Cache<Key, byte[]> results;

    ReplyCache(long maxBytes) {
        this.results = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Key key, byte[] result) -> ENTRY_OVERHEAD + result.length)
                .executor(Runnable::run)
                .build();
    }

    void put(long clientId, long sequence, byte[] result) {
        results.put(new Key(clientId, sequence), result);
    }

    Optional<byte[]> get(long clientId, long sequence) {
        return Optional.ofNullable(results.getIfPresent(new Key(clientId, sequence)));
    }
}
