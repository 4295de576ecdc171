package io.github.raftkit.api;

import io.github.raftkit.api.error.ConfigurationException;
import java.time.Duration;

/**
 * How a group keeps the client sessions that make writes exactly-once (dissertation §6.3). Immutable.
 *
 * <p>The session table is replicated state: every member decides from it alone, in log order, whether a write is a
 * duplicate, so every member must run with the same {@code expireAfter}, {@code maxSessions} and
 * {@code maxUnacknowledged}. Time in the table is the leader's wall clock, written into each client entry when the
 * leader proposes it, and never runs backwards (a new leader whose clock is behind does not rewind it); a leader
 * whose clock is ahead expires sessions early, never late. Only the results kept for retries ({@code replyCacheBytes})
 * are local to a member.
 *
 * @param expireAfter a session silent for longer than this (in leader time) expires (default 10 minutes); a client
 *     that writes less often gets {@link io.github.raftkit.api.error.SessionExpiredException} and must open a new one
 * @param maxSessions the most sessions kept; opening one more evicts the one silent longest (default 100,000)
 * @param maxUnacknowledged the most writes one session may have applied and not yet acknowledged; more are refused
 *     (default 4,096), which bounds each session's memory whatever a client sends
 * @param replyCacheBytes the most bytes of write results a member keeps for answering retries (default 64 MiB); a
 *     retry whose result was evicted gets {@link io.github.raftkit.api.error.ResultUnavailableException}
 */
public record SessionPolicy(Duration expireAfter, int maxSessions, int maxUnacknowledged, long replyCacheBytes) {

    /** The defaults above. */
    public static final SessionPolicy DEFAULT = new SessionPolicy(Duration.ofMinutes(10), 100_000, 4_096, 64L << 20);

    public SessionPolicy {
        if (expireAfter == null || expireAfter.isNegative() || expireAfter.isZero()) {
            throw new ConfigurationException("invalid configuration: sessions.expireAfter must be positive, got "
                    + expireAfter);
        }
        require(maxSessions > 0, "maxSessions", maxSessions);
        require(maxUnacknowledged > 0, "maxUnacknowledged", maxUnacknowledged);
        require(replyCacheBytes > 0, "replyCacheBytes", replyCacheBytes);
    }

    private static void require(boolean condition, String field, long value) {
        if (!condition) {
            throw new ConfigurationException("invalid configuration: sessions." + field + " must be positive, got "
                    + value);
        }
    }
}
