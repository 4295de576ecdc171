/**
 * The README's first command: a 3-process cluster on this machine, a writer that keeps going while the leader is
 * killed with SIGKILL, and a summary of what survived. Each member is a real {@code raft-kv server} process with its
 * own file storage, started and watched by raft-server's {@link io.github.raftkit.server.process.ProcessCluster}.
 */
package io.github.raftkit.examples.kv.demo;
