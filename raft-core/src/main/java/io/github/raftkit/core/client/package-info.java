/**
 * The generic {@link io.github.raftkit.api.client.RaftClient}: leader discovery and redirects
 * ({@link io.github.raftkit.core.client.LeaderTracker}), retries with capped, jittered back-off
 * ({@link io.github.raftkit.core.client.Backoff}), one session per client whose sequence numbers make retried writes
 * exactly-once ({@link io.github.raftkit.core.client.ClientSession}), and a cap on requests in flight.
 */
package io.github.raftkit.core.client;
