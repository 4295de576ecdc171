/**
 * The key-value state machine ({@link io.github.raftkit.examples.kv.store.KvStore}), its persistent sorted tree of
 * entries, glob matching for {@code KEYS}, and its snapshot format. Runs on the server's apply thread.
 */
package io.github.raftkit.examples.kv.store;
