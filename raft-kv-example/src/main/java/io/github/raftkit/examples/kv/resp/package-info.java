/**
 * The key-value store's Redis protocol front end ({@link io.github.raftkit.examples.kv.resp.RespServer}): Netty's
 * RESP codec, a guard that refuses oversized or malformed requests by their headers, a table of commands over the
 * {@code KvClient}, and per-connection pipelining that keeps many commands in flight through consensus while
 * answering them in order. See {@code docs/kv.md}, "Redis protocol".
 */
package io.github.raftkit.examples.kv.resp;
