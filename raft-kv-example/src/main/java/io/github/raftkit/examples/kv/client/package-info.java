/** {@link io.github.raftkit.examples.kv.client.KvClient}, the typed Java client of the key-value store. */
package io.github.raftkit.examples.kv.client;
