/**
 * The runtime that turns the deterministic {@link io.github.raftkit.core.engine.RaftEngine} into a running
 * {@link io.github.raftkit.api.RaftServer}: an engine loop thread that alone touches the engine, a storage thread that
 * writes with group commit, an apply thread that feeds the state machine, bounded admission of requests, meters and
 * the lines a person wants in the log. {@link io.github.raftkit.core.runtime.RaftNode} is where to start reading.
 */
package io.github.raftkit.core.runtime;
