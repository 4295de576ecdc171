/**
 * The Netty transport (provider name {@code netty}): binary frames between members over TCP. Filled in by the transport work; the module builds and is listed in the BOM so users can depend on it from the start.
 */
package io.github.raftkit.transport.netty;
