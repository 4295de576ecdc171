/**
 * Connections a member keeps: to peers (who dials whom, reconnecting, outbound queues, what is accepted inbound) and
 * from clients (serving their requests within bounds).
 */
package io.github.raftkit.transport.netty.connection;
