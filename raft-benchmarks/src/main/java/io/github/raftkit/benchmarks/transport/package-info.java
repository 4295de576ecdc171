/**
 * Benchmarks of the netty transport: the codec next to a plain copy of the same payload bytes, and loopback echo
 * throughput next to a plain Netty echo of frames of the same size, each measured in the same run.
 */
package io.github.raftkit.benchmarks.transport;
