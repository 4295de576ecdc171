package io.github.raftkit.examples.lock.cli;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.client.ClientConfig;
import io.github.raftkit.api.error.ConfigurationException;
import io.github.raftkit.api.error.RaftException;
import io.github.raftkit.api.error.RequestRejectedException;
import io.github.raftkit.server.cli.ClientOptions;
import io.github.raftkit.server.cli.Exit;
import io.github.raftkit.server.cli.Printer;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that talks to the lock service over Netty. When the cluster cannot be reached in time it says so naming
 * every endpoint it tried (the client's own message names only the last), with {@link Exit#UNAVAILABLE}; other
 * failures propagate to the command line ({@link io.github.raftkit.server.cli.CommandTree}), which turns them into
 * exit statuses. Runs on the command's thread.
 */
abstract class ClusterCommand implements Callable<Integer> {
    @Mixin
    ClientOptions cluster;

    @Mixin
    Printer out;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        // A command's output is its answer; the client's INFO lines (which socket flavour it chose) are noise here.
        // Read by slf4j-simple when the first logger is made, which is after this.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        ClientConfig config = cluster.config();
        try {
            return run(config);
        } catch (RuntimeException cause) {
            if (!unavailable(cause)) {
                throw cause;
            }
            out.note(spec.name() + ": the lock service at " + endpoints(config) + " is unavailable: "
                    + cause.getMessage());
            return Exit.UNAVAILABLE.code();
        }
    }

    /** Does the work, prints the outcome and returns the exit status. */
    abstract int run(ClientConfig config);

    private static boolean unavailable(RuntimeException failure) {
        return failure instanceof RaftException
                && !(failure instanceof RequestRejectedException || failure instanceof ConfigurationException);
    }

    private static String endpoints(ClientConfig config) {
        return config.endpoints().stream().map(Endpoint::toString).collect(Collectors.joining(","));
    }
}
