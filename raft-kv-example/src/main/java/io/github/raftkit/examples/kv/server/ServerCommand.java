package io.github.raftkit.examples.kv.server;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.Membership;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.error.ConfigurationException;
import io.github.raftkit.examples.kv.command.KvLimits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code raft-kv server}: runs one member until SIGTERM or Ctrl-C. Flags override a {@code --config} file, which
 * overrides the defaults; every value is checked before anything starts, and a bad one is a usage error (exit 2)
 * that names the flag or key. Called on the main thread, which it blocks until the member has stopped.
 */
@Command(name = "server", sortOptions = false,
        description = {"Runs one member of the key-value store: Raft and RaftClients on its --peers address, the "
                + "admin HTTP server on --http-port, the Redis protocol on --resp-port.",
                "A local 3-member cluster needs only --id n1, --id n2 and --id n3."},
        footer = {"", "The i-th member of --peers gets, unless told otherwise, --data-dir data/<id>, "
                + "--resp-port 6380+i and --http-port 8080+i (n1: 6381 and 8081). HTTP and Redis listen on the host "
                + "of the member's own --peers address.",
                "A --config file holds the same settings as key=value lines without the dashes (id=n1, "
                + "http-port=8081) and plugin settings as they are (netty.ioThreads=2)."})
public final class ServerCommand implements Callable<Integer> {
    static final String DEFAULT_PEERS = "n1=127.0.0.1:7001,n2=127.0.0.1:7002,n3=127.0.0.1:7003";
    static final int RESP_PORT_BASE = 6380;
    static final int HTTP_PORT_BASE = 8080;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "Settings from a key=value file; flags win.")
    Path config;

    @Option(names = "--id", paramLabel = "ID", description = "This member's id, one of --peers. Required.")
    String id;

    @Option(names = "--peers", paramLabel = "ID=HOST:PORT,...", defaultValue = DEFAULT_PEERS,
            description = "Every member and its Raft address, dialled exactly as written. Default: ${DEFAULT-VALUE}.")
    String peers;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Log, metadata and snapshots. Default: data/<id>.")
    Path dataDir;

    @Option(names = "--resp-port", paramLabel = "PORT", description = "Redis protocol port. Default: 6380+i.")
    Integer respPort;

    @Option(names = "--http-port", paramLabel = "PORT",
            description = "Admin HTTP port (/health, /status, /metrics). Default: 8080+i.")
    Integer httpPort;

    @Option(names = "--group", paramLabel = "NAME", defaultValue = "default",
            description = "The Raft group's name. Default: ${DEFAULT-VALUE}.")
    String group;

    @Option(names = "--max-key-bytes", paramLabel = "N",
            description = "Longest key accepted. Default: 4096. Must be the same on every member.")
    Integer maxKeyBytes;

    @Option(names = "--max-value-bytes", paramLabel = "N",
            description = "Longest value accepted, at least 20. Default: 1048576. Must be the same on every member.")
    Integer maxValueBytes;

    @Option(names = "--property", paramLabel = "KEY=VALUE",
            description = "A plugin setting (netty.*, file.*; see docs/protocol.md, docs/storage-format.md). "
                    + "Repeatable.")
    Map<String, String> properties = new LinkedHashMap<>();

    @Override
    public Integer call() throws InterruptedException {
        NodeSettings settings = settings();
        KvNode node;
        try {
            node = KvNode.start(settings);
        } catch (ConfigurationException e) {
            // A plugin setting the framework refused (an unknown netty.* key, say) is as much a usage error as a flag.
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(node::close, "raft-kv-shutdown"));
        node.awaitClosed();
        return 0;
    }

    /** The settings this command line stands for, with the config file and defaults filled in. */
    NodeSettings settings() {
        try {
            return (config == null ? this : withConfigFile()).resolve();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** This command line parsed again after the file's arguments, so that each flag given here overrides the file. */
    private ServerCommand withConfigFile() {
        Set<String> options = spec.options().stream().map(OptionSpec::longestName)
                .filter(name -> !name.equals("--config")).collect(Collectors.toSet());
        List<String> arguments = new ArrayList<>(ConfigFile.arguments(config, options));
        arguments.addAll(spec.commandLine().getParseResult().expandedArgs());
        ServerCommand merged = new ServerCommand();
        try {
            new CommandLine(merged).setOverwrittenOptionsAllowed(true).parseArgs(arguments.toArray(String[]::new));
        } catch (ParameterException e) {
            // The command line alone parsed, so what fails now came from the file.
            throw new IllegalArgumentException("config file " + config + ": " + e.getMessage(), e);
        }
        return merged;
    }

    private NodeSettings resolve() {
        if (id == null) {
            throw new IllegalArgumentException("--id is required: which of the peers " + peers + " this member is");
        }
        NodeId node = named("--id", () -> NodeId.of(id));
        Membership members = named("--peers", () -> PeerList.parse(peers));
        int position = List.copyOf(members.ids()).indexOf(node) + 1;
        if (position == 0) {
            throw new IllegalArgumentException("--id " + node + " is not one of --peers " + members.ids());
        }
        int resp = port("--resp-port", respPort, RESP_PORT_BASE + position);
        int http = port("--http-port", httpPort, HTTP_PORT_BASE + position);
        checkPortsApart(members, node, resp, http);
        KvLimits limits = named("--max-key-bytes/--max-value-bytes", () -> new KvLimits(
                maxKeyBytes == null ? KvLimits.DEFAULT.maxKeyBytes() : maxKeyBytes,
                maxValueBytes == null ? KvLimits.DEFAULT.maxValueBytes() : maxValueBytes));
        return new NodeSettings(node, named("--group", () -> GroupId.of(group)), members,
                dataDir == null ? Path.of("data", id) : dataDir, resp, http, limits, properties);
    }

    private static int port(String option, Integer given, int otherwise) {
        int port = given == null ? otherwise : given;
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException(option + " must be 1..65535, got " + port);
        }
        return port;
    }

    /** The HTTP and Redis ports share this member's host with the Raft ports of every peer on it. */
    private static void checkPortsApart(Membership members, NodeId node, int resp, int http) {
        if (resp == http) {
            throw new IllegalArgumentException("--resp-port and --http-port are both " + http);
        }
        String host = members.endpoint(node).host();
        for (var member : members.members().entrySet()) {
            Endpoint raft = member.getValue();
            if (raft.host().equals(host) && (raft.port() == resp || raft.port() == http)) {
                throw new IllegalArgumentException((raft.port() == resp ? "--resp-port " : "--http-port ")
                        + raft.port() + " is the Raft port of " + member.getKey() + " (" + raft + ")");
            }
        }
    }

    private static <T> T named(String option, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }
}
