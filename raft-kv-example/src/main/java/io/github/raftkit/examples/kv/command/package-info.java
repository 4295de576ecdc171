/**
 * The key-value store's vocabulary, shared by the state machine and its clients: byte-string keys and values,
 * commands, queries, results and errors, their binary codec, and the checks both sides apply. Everything here is
 * immutable or stateless, so any thread may use it.
 */
package io.github.raftkit.examples.kv.command;
