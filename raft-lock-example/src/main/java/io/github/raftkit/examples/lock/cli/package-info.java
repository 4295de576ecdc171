/**
 * The lock commands of the command line: {@code raft-lock acquire|release|holders|session}, through a
 * {@code RaftClient} over Netty. {@code acquire} holds a lock from a process of its own, either until its input ends
 * or while a command it runs; the others let an operator look at and clear what sessions hold. Output is for people
 * by default and JSON with {@code --json}; the exit status ({@link io.github.raftkit.server.cli.Exit}) is for scripts.
 * {@code status} and {@code members}, and what every command shares, are raft-server's
 * ({@link io.github.raftkit.server.cli}).
 */
package io.github.raftkit.examples.lock.cli;
