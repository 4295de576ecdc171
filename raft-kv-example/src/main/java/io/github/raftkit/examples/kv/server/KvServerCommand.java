package io.github.raftkit.examples.kv.server;

import io.github.raftkit.examples.kv.command.KvLimits;
import io.github.raftkit.examples.kv.store.KvStore;
import io.github.raftkit.server.launch.Application;
import io.github.raftkit.server.launch.MemberPorts;
import io.github.raftkit.server.launch.ServerCommand;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code raft-kv server}: the shared member process ({@link ServerCommand}) running a {@link KvStore} with the limits
 * given here, and the Redis protocol on {@code --resp-port}. Called on the main thread, which it blocks until the
 * member has stopped.
 */
@Command(name = "server",
        description = {"Runs one member of the key-value store: Raft and RaftClients on its --peers address, the "
                + "admin HTTP server on --http-port, the Redis protocol on --resp-port.",
                "A local 3-member cluster needs only --id n1, --id n2 and --id n3."})
public final class KvServerCommand extends ServerCommand {
    static final int RESP_PORT_BASE = 6380;

    @Option(names = "--resp-port", paramLabel = "PORT", description = "Redis protocol port. Default: 6380+i.")
    Integer respPort;

    @Option(names = "--max-key-bytes", paramLabel = "N",
            description = "Longest key accepted. Default: 4096. Must be the same on every member.")
    Integer maxKeyBytes;

    @Option(names = "--max-value-bytes", paramLabel = "N",
            description = "Longest value accepted, at least 20. Default: 1048576. Must be the same on every member.")
    Integer maxValueBytes;

    public KvServerCommand() {
        super("kv");
    }

    /** The store with this command's limits (which the provider {@code kv} cannot take), and its Redis port. */
    @Override
    protected Application application(MemberPorts ports) {
        int resp = ports.claim("--resp-port", respPort, RESP_PORT_BASE);
        KvLimits limits = named("--max-key-bytes/--max-value-bytes", () -> new KvLimits(
                maxKeyBytes == null ? KvLimits.DEFAULT.maxKeyBytes() : maxKeyBytes,
                maxValueBytes == null ? KvLimits.DEFAULT.maxValueBytes() : maxValueBytes));
        return new Application(() -> new KvStore(limits), List.of(new RespFrontEnd(resp, limits)));
    }
}
