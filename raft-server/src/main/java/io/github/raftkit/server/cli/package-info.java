/**
 * What every example's command line shares: {@code status} and {@code members} through the members' admin HTTP
 * ports, the mixins of client commands ({@link io.github.raftkit.server.cli.ClientOptions},
 * {@link io.github.raftkit.server.cli.Printer}), and {@link io.github.raftkit.server.cli.CommandTree}, which gives a
 * root command the converters and the exit statuses ({@link io.github.raftkit.server.cli.Exit}) for scripts.
 */
package io.github.raftkit.server.cli;
