/** Command of the lock service. */
package io.github.raftkit.examples.lock.command;
