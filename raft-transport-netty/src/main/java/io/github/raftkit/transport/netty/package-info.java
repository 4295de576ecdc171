/**
 * The Netty transport (provider name {@code netty}): length-prefixed binary frames between members over TCP, one
 * connection per pair of members, optional mutual TLS; clients reach members over the same port with the
 * {@link io.github.raftkit.transport.netty.NettyClientTransport}. The wire format and every setting are documented in
 * {@code docs/protocol.md}.
 */
package io.github.raftkit.transport.netty;
