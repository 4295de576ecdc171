/**
 * The admin HTTP server of a {@code raft-kv server}: {@code /health}, {@code /status} (JSON) and {@code /metrics}
 * (Prometheus text), GET and HEAD only, on Netty.
 */
package io.github.raftkit.examples.kv.admin;
