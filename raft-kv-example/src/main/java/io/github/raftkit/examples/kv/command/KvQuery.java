package io.github.raftkit.examples.kv.command;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A read of the store; it changes nothing. {@link RequestCodec} turns it into bytes and back. Immutable. */
public sealed interface KvQuery {

    /** The entries of {@code keys}, in the same order, absent ones empty (Redis {@code GET} and {@code MGET}). */
    record Get(List<Bytes> keys) implements KvQuery {
        public Get {
            keys = List.copyOf(keys);
        }
    }

    /**
     * At most {@code limit} entries whose keys start with {@code prefix}, in unsigned byte order, starting after
     * {@code after} when given, so that a caller pages through a large range.
     */
    record Scan(Bytes prefix, Optional<Bytes> after, int limit) implements KvQuery {
        public Scan {
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(after, "after");
        }
    }

    /** At most {@code limit} keys matching a Redis glob {@code pattern}, in order, after {@code after} if given. */
    record Keys(Bytes pattern, Optional<Bytes> after, int limit) implements KvQuery {
        public Keys {
            Objects.requireNonNull(pattern, "pattern");
            Objects.requireNonNull(after, "after");
        }
    }

    /** How many keys the store holds (Redis {@code DBSIZE}). */
    record Count() implements KvQuery {
    }

    /** How many of {@code keys} exist, a key named twice counting twice (Redis {@code EXISTS}). */
    record Exists(List<Bytes> keys) implements KvQuery {
        public Exists {
            keys = List.copyOf(keys);
        }
    }

    /** Bytes that did not decode to a query; the store answers {@link KvError#MALFORMED}. */
    record Malformed(String reason) implements KvQuery {
    }
}
