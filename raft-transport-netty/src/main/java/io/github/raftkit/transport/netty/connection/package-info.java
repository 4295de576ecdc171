/** Connections between members: who dials whom, reconnecting, outbound queues, and what is accepted inbound. */
package io.github.raftkit.transport.netty.connection;
