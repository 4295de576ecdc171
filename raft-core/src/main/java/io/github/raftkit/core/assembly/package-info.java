/**
 * Assembles a {@link io.github.raftkit.api.RaftServer} at build time:
 * {@link io.github.raftkit.core.assembly.RaftServers} picks the providers a configuration names among those {@link java.util.ServiceLoader} finds, and a Guice module
 * binds them with the configuration, clock, threads and meter registry. Guice stays here: nothing it builds looks
 * anything up once the server runs, and no user-facing signature mentions it.
 */
package io.github.raftkit.core.assembly;
