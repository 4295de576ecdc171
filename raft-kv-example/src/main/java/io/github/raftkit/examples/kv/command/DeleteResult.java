package io.github.raftkit.examples.kv.command;

/**
 * The outcome of a delete. Immutable.
 *
 * @param deleted how many of the keys existed and are now gone
 * @param revision the revision (log index) of the delete
 */
public record DeleteResult(long deleted, long revision) implements KvResult {
}
