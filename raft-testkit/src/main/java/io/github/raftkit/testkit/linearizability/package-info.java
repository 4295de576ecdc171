/**
 * Checks that a concurrent history of client operations is linearizable: that every operation can be given a single
 * instant between its invocation and its return such that, taken in the order of those instants, a sequential
 * {@link io.github.raftkit.testkit.linearizability.Model} explains every output.
 *
 * <p>Record a history with {@link io.github.raftkit.testkit.linearizability.History} (or build the
 * {@link io.github.raftkit.testkit.linearizability.Operation} list yourself), then call
 * {@link io.github.raftkit.testkit.linearizability.LinearizabilityChecker#check}. The checker is the search of Wing
 * and Gong as improved by Lowe ("Testing for linearizability", 2017), run on each key's operations separately.
 * {@code docs/testing.md} describes it in prose.
 */
package io.github.raftkit.testkit.linearizability;
