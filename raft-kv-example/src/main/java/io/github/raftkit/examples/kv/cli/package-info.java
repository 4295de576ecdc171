/**
 * The key-value commands of the command line: {@code raft-kv put|get|del|cas|incr|scan} through a {@code RaftClient}
 * over Netty. Output is for people by default and JSON with {@code --json}; the exit status
 * ({@link io.github.raftkit.server.cli.Exit}) is for scripts. {@code status} and {@code members}, and what every
 * command shares, are raft-server's ({@link io.github.raftkit.server.cli}).
 */
package io.github.raftkit.examples.kv.cli;
