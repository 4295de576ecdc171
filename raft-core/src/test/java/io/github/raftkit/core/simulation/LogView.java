package io.github.raftkit.core.simulation;

/**
 * A log as the invariant checker sees it: the term at each index and a hash of the whole prefix through it. Equal
 * prefix hashes stand for equal prefixes, which turns Log Matching and "same committed prefix" into O(1) comparisons
 * instead of scans.
 */
public interface LogView {

    long lastIndex();

    /** The term of the entry at {@code index}; 0 for index 0. */
    long term(long index);

    /** The hash of entries 1 through {@code index}; {@code prefixHash(0)} is the empty log's. */
    long prefixHash(long index);
}
