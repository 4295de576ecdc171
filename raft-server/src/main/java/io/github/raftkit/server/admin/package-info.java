/**
 * The admin HTTP server of every member process: {@code /health}, {@code /status} (JSON) and {@code /metrics}
 * (Prometheus text), GET and HEAD only, on Netty.
 */
package io.github.raftkit.server.admin;
