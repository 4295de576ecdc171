/**
 * JMH benchmarks of raftkit's hot paths. Every benchmark class measures a baseline in the same run, so figures can be
 * quoted side by side on a shared, noisy machine.
 */
package io.github.raftkit.benchmarks;
