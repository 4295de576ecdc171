package io.github.raftkit.server.cli;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.client.ClientConfig;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * How an example's client commands reach the cluster, as a picocli mixin ({@code @Mixin ClientOptions cluster}):
 * {@code --endpoints}, {@code --group}, {@code --timeout}. Read on the command's thread.
 */
public final class ClientOptions {
    /** One slow member should not use up a short deadline, so each attempt gets at most this before the next. */
    private static final Duration MAX_ATTEMPT = Duration.ofSeconds(1);

    @Option(names = "--endpoints", paramLabel = "HOST:PORT", split = ",",
            defaultValue = "127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003",
            description = "Raft ports of some or all members. Default: ${DEFAULT-VALUE}.")
    List<Endpoint> endpoints;

    @Option(names = "--group", paramLabel = "NAME", defaultValue = "default",
            description = "The Raft group. Default: ${DEFAULT-VALUE}.")
    GroupId group;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s",
            description = "Give up after this long (500ms, 5s, 1m). Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    /** A {@code RaftClient}'s configuration over {@code netty}, from the flags. */
    public ClientConfig config() {
        return ClientConfig.builder()
                .group(group)
                .endpoints(endpoints)
                .transport("netty")
                .requestTimeout(timeout)
                .attemptTimeout(timeout.compareTo(MAX_ATTEMPT) < 0 ? timeout : MAX_ATTEMPT)
                .build();
    }
}
