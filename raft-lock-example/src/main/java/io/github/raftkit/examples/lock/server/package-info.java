/** The lock service's member process: {@code raft-lock server}. */
package io.github.raftkit.examples.lock.server;
