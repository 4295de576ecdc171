/**
 * A distributed lock service with sessions and fencing tokens, built on raftkit. Filled in by the lock service work.
 */
package io.github.raftkit.examples.lock;
