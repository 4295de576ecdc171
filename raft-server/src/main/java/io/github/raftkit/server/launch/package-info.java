/**
 * An example's {@code server} command and the member process it runs: one member of a Raft group over the
 * {@code netty} transport and {@code file} stores, with admin HTTP and the example's own front ends, configured from
 * flags and an optional file. {@link io.github.raftkit.server.launch.ServerCommand} is where an example starts.
 */
package io.github.raftkit.server.launch;
