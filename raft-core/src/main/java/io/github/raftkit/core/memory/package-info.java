/**
 * The in-memory transport and stores, registered under the provider name {@code memory}: for tests, the simulation
 * and an embedded cluster in one JVM. What they hold lives for the life of the JVM (see {@link
 * io.github.raftkit.core.memory.MemoryStorage}); nothing is ever written to disk.
 */
package io.github.raftkit.core.memory;
