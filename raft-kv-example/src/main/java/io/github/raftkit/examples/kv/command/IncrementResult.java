package io.github.raftkit.examples.kv.command;

/**
 * The outcome of an increment. Immutable.
 *
 * @param value the integer now stored
 * @param revision the revision (log index) of the increment, the key's new {@code modRevision}
 */
public record IncrementResult(long value, long revision) implements KvResult {
}
