/**
 * Member processes on this machine, for demos and tests: {@link io.github.raftkit.server.process.ProcessCluster}
 * starts an example's {@code server} command as real processes on free loopback ports, kills and restarts them, and
 * reads their admin HTTP ports ({@link io.github.raftkit.server.process.StatusProbe}).
 */
package io.github.raftkit.server.process;
