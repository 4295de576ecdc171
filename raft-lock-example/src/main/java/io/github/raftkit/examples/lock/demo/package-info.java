/** The lock service's demo: contenders for a lock that guards a fenced file, one of them paused past its time to live. */
package io.github.raftkit.examples.lock.demo;
