package io.github.raftkit.core.simulation;

/** What one passing run leaves: its seed, the hash of its whole trace, and its counters. */
public record SimulationResult(long seed, long traceHash, SimulationStats stats) {
}
