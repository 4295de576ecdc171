/**
 * {@code raft-kv server}: one member of the key-value store as a process of its own, over the {@code netty}
 * transport and {@code file} stores, with its admin HTTP port, configured from flags and an optional file.
 */
package io.github.raftkit.examples.kv.server;
