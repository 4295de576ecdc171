package io.github.raftkit.examples.kv.command;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the store answers to a command or a query, encoded by {@link ResultCodec}. The records a client hands to its
 * caller are top-level ({@link PutResult}, {@link CasResult}, ...); the nested ones carry plain values. Immutable.
 */
public sealed interface KvResult
        permits KvResult.Failure, KvResult.Written, KvResult.Entries, KvResult.Count, PutResult, DeleteResult,
                CasResult, IncrementResult, ScanResult, KeysResult {

    /** The store refused the request: nothing changed. */
    record Failure(KvError error, String message) implements KvResult {
        public Failure {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(message, "message");
        }
    }

    /** A {@link KvCommand.PutAll} wrote every pair at {@code revision}. */
    record Written(long revision) implements KvResult {
    }

    /** The entries a {@link KvQuery.Get} asked for, in its order, absent keys empty. */
    record Entries(List<Optional<KeyValue>> entries) implements KvResult {
        public Entries {
            entries = List.copyOf(entries);
        }
    }

    /** A number of keys: {@link KvQuery.Count} and {@link KvQuery.Exists}. */
    record Count(long count) implements KvResult {
    }
}
