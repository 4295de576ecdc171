/** Mutual TLS: settings from {@code netty.tls.*} keys and the JDK-provider contexts built from them. */
package io.github.raftkit.transport.netty.tls;
