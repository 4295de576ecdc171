package io.github.raftkit.server.launch;

import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.Membership;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.error.ConfigurationException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * An example's {@code server} command: runs one member until SIGTERM or Ctrl-C, over {@code netty} and {@code file},
 * with admin HTTP. Flags override a {@code --config} file, which overrides the defaults; every value is checked before
 * anything starts, and a bad one is a usage error (exit 2) that names the flag or key.
 *
 * <p>An example subclasses it with its own {@code @Command(name = "server", description = ...)} and a no-argument
 * constructor that names its state machine's provider. That is all a plain one needs:
 *
 * <pre>
 * &#64;Command(name = "server", description = "Runs one member of the lock service.")
 * public final class LockServerCommand extends ServerCommand {
 *     public LockServerCommand() {
 *         super("lock");
 *     }
 * }
 * </pre>
 *
 * An example with flags and front ends of its own declares the flags as {@code @Option} fields (they may also be keys
 * of the config file) and overrides {@link #application}. Their types need converters of picocli's own or on the
 * option itself: the config file is read by parsing the command line again, without the root's converters.
 *
 * <p><b>Threading.</b> Called on the main thread, which {@link #call} blocks until the member has stopped.
 */
@Command(sortOptions = false,
        footer = {"", "The i-th member of --peers gets, unless told otherwise, --data-dir data/<id> and --http-port "
                + "8080+i (n1: 8081). HTTP and the other ports of a member listen on the host of its own --peers "
                + "address.",
                "A --config file holds the same settings as key=value lines without the dashes (id=n1, "
                + "http-port=8081) and plugin settings as they are (netty.ioThreads=2)."})
public abstract class ServerCommand implements Callable<Integer> {
    static final String DEFAULT_PEERS = "n1=127.0.0.1:7001,n2=127.0.0.1:7002,n3=127.0.0.1:7003";
    static final int HTTP_PORT_BASE = 8080;

    private final String stateMachine;

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

    @Option(names = "--http-port", paramLabel = "PORT",
            description = "Admin HTTP port (/health, /status, /metrics). Default: 8080+i.")
    Integer httpPort;

    @Option(names = "--group", paramLabel = "NAME", defaultValue = "default",
            description = "The Raft group's name. Default: ${DEFAULT-VALUE}.")
    String group;

    @Option(names = "--property", paramLabel = "KEY=VALUE",
            description = "A plugin setting (netty.*, file.*; see docs/protocol.md, docs/storage-format.md). "
                    + "Repeatable.")
    Map<String, String> properties = new LinkedHashMap<>();

    /** @param stateMachine the name of the {@code StateMachineProvider} that {@link #application} runs by default */
    protected ServerCommand(String stateMachine) {
        this.stateMachine = Objects.requireNonNull(stateMachine, "stateMachine");
    }

    @Override
    public final Integer call() throws InterruptedException {
        ServerNode node;
        try {
            node = ServerNode.start(plan());
        } catch (ConfigurationException e) {
            // A plugin setting the framework refused (an unknown netty.* key, say) is as much a usage error as a flag.
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(node::close, "raft-server-shutdown"));
        node.awaitClosed();
        return 0;
    }

    /**
     * What this command line stands for, with the config file and defaults filled in.
     *
     * @throws ParameterException naming the flag, key or provider at fault
     */
    public final MemberPlan plan() {
        try {
            return (config == null ? this : withConfigFile()).resolve();
        } catch (IllegalArgumentException | ConfigurationException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /**
     * What the member runs on top of Raft, from this command's own flags: by default the state machine named in the
     * constructor, and no front end besides admin HTTP. Called once, before anything starts, on the command whose
     * fields hold the flags merged with the config file.
     *
     * @param ports where the example's front ends claim their ports, checked against HTTP's and the peers'
     * @throws IllegalArgumentException naming the flag at fault (see {@link #named}); it becomes a usage error
     * @throws ConfigurationException if the state machine's provider is missing or ambiguous
     */
    protected Application application(MemberPorts ports) {
        return Application.named(stateMachine);
    }

    /** Runs {@code parse}, prefixing the message of its {@link IllegalArgumentException} with the option's name. */
    protected static <T> T named(String option, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }

    /**
     * This command line parsed again, into a new command of the same class, after the file's arguments, so that each
     * flag given here overrides the file.
     */
    private ServerCommand withConfigFile() {
        Set<String> options = spec.options().stream().map(OptionSpec::longestName)
                .filter(name -> !name.equals("--config")).collect(Collectors.toSet());
        List<String> arguments = new ArrayList<>(ConfigFile.arguments(config, options));
        arguments.addAll(spec.commandLine().getParseResult().expandedArgs());
        ServerCommand merged;
        try {
            merged = spec.commandLine().getFactory().create(getClass());
        } catch (Exception e) {
            throw new IllegalStateException(getClass().getName() + " needs a no-argument constructor", e);
        }
        try {
            new CommandLine(merged).setOverwrittenOptionsAllowed(true).parseArgs(arguments.toArray(String[]::new));
        } catch (ParameterException e) {
            // The command line alone parsed, so what fails now came from the file.
            throw new IllegalArgumentException("config file " + config + ": " + e.getMessage(), e);
        }
        return merged;
    }

    private MemberPlan resolve() {
        if (id == null) {
            throw new IllegalArgumentException("--id is required: which of the peers " + peers + " this member is");
        }
        NodeId node = named("--id", () -> NodeId.of(id));
        Membership members = named("--peers", () -> PeerList.parse(peers));
        MemberPorts ports = new MemberPorts(members, node);
        int http = ports.claim("--http-port", httpPort, HTTP_PORT_BASE);
        NodeSettings settings = new NodeSettings(node, named("--group", () -> GroupId.of(group)), members,
                dataDir == null ? Path.of("data", id) : dataDir, http, properties);
        return new MemberPlan(settings, application(ports));
    }
}
