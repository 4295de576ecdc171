/** The transport's Micrometer meters, all named {@code raft.transport.*}. */
package io.github.raftkit.transport.netty.metrics;
