package io.github.raftkit.api.client;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.error.ConfigurationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link RaftClient} needs, validated when built. Immutable.
 *
 * @param group the group to talk to
 * @param endpoints some or all of the members' addresses; the client learns the leader's from their answers
 * @param requestTimeout how long a request may take in all, across retries (default 10 s); then it fails with a
 *     timeout, and a write's outcome is unknown
 * @param attemptTimeout how long one attempt at one member may take before the client tries again (default 2 s)
 * @param minBackoff the first pause before a retry (default 10 ms); each retry doubles it, with jitter
 * @param maxBackoff the longest pause between retries (default 1 s)
 * @param maxInFlight the most requests this client has in flight at once; more are refused at once as overloaded
 *     (default 1,000)
 * @param transport the client transport provider's name, or empty for the only one on the class path
 * @param properties settings for the transport, by its own keys (TLS, for instance)
 */
public record ClientConfig(GroupId group, List<Endpoint> endpoints, Duration requestTimeout, Duration attemptTimeout,
                           Duration minBackoff, Duration maxBackoff, int maxInFlight, Optional<String> transport,
                           Map<String, String> properties) {

    public ClientConfig {
        require(group != null, "group", "is missing");
        require(endpoints != null && !endpoints.isEmpty(), "endpoints", "must name at least one member");
        endpoints = List.copyOf(endpoints);
        requirePositive(requestTimeout, "requestTimeout");
        requirePositive(attemptTimeout, "attemptTimeout");
        requirePositive(minBackoff, "minBackoff");
        requirePositive(maxBackoff, "maxBackoff");
        require(minBackoff.compareTo(maxBackoff) <= 0, "minBackoff", "(" + minBackoff.toMillis()
                + " ms) must not exceed maxBackoff (" + maxBackoff.toMillis() + " ms)");
        require(maxInFlight > 0, "maxInFlight", "must be positive, got " + maxInFlight);
        require(transport != null, "transport", "is null; use Optional.empty()");
        transport.ifPresent(t -> require(!t.isBlank(), "transport", "provider name is blank"));
        require(properties != null, "properties", "is null");
        properties = Map.copyOf(properties);
    }

    /** Starts a configuration with the documented defaults. */
    public static Builder builder() {
        return new Builder();
    }

    private static void require(boolean condition, String field, String problem) {
        if (!condition) {
            throw new ConfigurationException("invalid client configuration: " + field + " " + problem);
        }
    }

    private static void requirePositive(Duration value, String field) {
        require(value != null, field, "is missing");
        require(!value.isNegative() && !value.isZero(), field, "must be positive, got " + value);
    }

    /** Collects settings; {@link #build()} validates them. Not thread-safe. */
    public static final class Builder {
        private GroupId group = GroupId.DEFAULT;
        private final List<Endpoint> endpoints = new ArrayList<>();
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration attemptTimeout = Duration.ofSeconds(2);
        private Duration minBackoff = Duration.ofMillis(10);
        private Duration maxBackoff = Duration.ofSeconds(1);
        private int maxInFlight = 1_000;
        private Optional<String> transport = Optional.empty();
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder group(GroupId value) { this.group = value; return this; }
        public Builder endpoint(Endpoint value) { this.endpoints.add(value); return this; }
        public Builder endpoints(List<Endpoint> values) { this.endpoints.addAll(values); return this; }
        public Builder requestTimeout(Duration value) { this.requestTimeout = value; return this; }
        public Builder attemptTimeout(Duration value) { this.attemptTimeout = value; return this; }
        public Builder backoff(Duration min, Duration max) {
            this.minBackoff = min;
            this.maxBackoff = max;
            return this;
        }
        public Builder maxInFlight(int value) { this.maxInFlight = value; return this; }
        public Builder transport(String name) { this.transport = Optional.ofNullable(name); return this; }
        public Builder property(String key, String value) { properties.put(key, value); return this; }

        /** Validates and builds; a {@link ConfigurationException} names the first invalid field. */
        public ClientConfig build() {
            return new ClientConfig(group, endpoints, requestTimeout, attemptTimeout, minBackoff, maxBackoff,
                    maxInFlight, transport, properties);
        }
    }
}
