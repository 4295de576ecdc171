/**
 * The command-line client: {@code raft-kv put|get|del|cas|incr|scan} through a {@code RaftClient} over Netty, and
 * {@code raft-kv status|members} through the members' admin HTTP ports. Output is for people by default and JSON
 * with {@code --json}; the exit status ({@link io.github.raftkit.examples.kv.cli.Exit}) is for scripts.
 */
package io.github.raftkit.examples.kv.cli;
