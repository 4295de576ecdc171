/** Benchmarks of the {@code file} storage, each beside a raw {@code FileChannel} baseline on the same disk. */
package io.github.raftkit.benchmarks.storage;
