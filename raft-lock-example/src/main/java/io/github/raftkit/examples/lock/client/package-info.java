/** The Java client of the lock service. */
package io.github.raftkit.examples.lock.client;
