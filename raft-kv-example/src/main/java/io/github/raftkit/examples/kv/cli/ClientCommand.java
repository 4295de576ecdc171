package io.github.raftkit.examples.kv.cli;

import io.github.raftkit.core.assembly.RaftClients;
import io.github.raftkit.examples.kv.client.KvClient;
import io.github.raftkit.examples.kv.command.KvLimits;
import io.github.raftkit.server.cli.ClientOptions;
import io.github.raftkit.server.cli.Exit;
import io.github.raftkit.server.cli.Printer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * A command that talks to the store through a {@link KvClient} over Netty, closed when the command ends. Failures
 * propagate to the command line ({@link io.github.raftkit.server.cli.CommandTree}), which turns them into exit
 * statuses.
 */
abstract class ClientCommand implements Callable<Integer> {
    /**
     * The servers' limits are their own (flags of {@code raft-kv server}) and unknown here, so the client checks
     * none and lets the store refuse an oversized request, with the same error.
     */
    private static final KvLimits SERVERS_DECIDE = new KvLimits(Integer.MAX_VALUE, Integer.MAX_VALUE);

    @Mixin
    ClientOptions cluster;

    @Mixin
    Printer out;

    @Override
    public final Integer call() {
        // A command's output is its answer; the client's INFO lines (which socket flavour it chose) are noise here.
        // Read by slf4j-simple when the first logger is made, which is after this.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        try (KvClient kv = new KvClient(RaftClients.connect(cluster.config()), SERVERS_DECIDE)) {
            return run(kv).code();
        }
    }

    /** Does the work, prints the outcome and says how it went. */
    abstract Exit run(KvClient kv);
}
