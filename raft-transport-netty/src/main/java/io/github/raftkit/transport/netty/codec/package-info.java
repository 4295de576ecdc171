/** The wire format: frame header checks, body encoding and decoding, and the reasons input is refused. */
package io.github.raftkit.transport.netty.codec;
