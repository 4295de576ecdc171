/**
 * {@code raft-kv server}: the shared member process of {@code raft-server} running the key-value store, with its
 * limits and its Redis-protocol port as flags of its own.
 */
package io.github.raftkit.examples.kv.server;
