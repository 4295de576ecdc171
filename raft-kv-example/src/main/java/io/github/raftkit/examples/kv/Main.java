package io.github.raftkit.examples.kv;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.GroupId;
import io.github.raftkit.examples.kv.cli.CasCommand;
import io.github.raftkit.examples.kv.cli.DelCommand;
import io.github.raftkit.examples.kv.cli.DurationText;
import io.github.raftkit.examples.kv.cli.Exit;
import io.github.raftkit.examples.kv.cli.FailureExit;
import io.github.raftkit.examples.kv.cli.GetCommand;
import io.github.raftkit.examples.kv.cli.IncrCommand;
import io.github.raftkit.examples.kv.cli.MembersCommand;
import io.github.raftkit.examples.kv.cli.PutCommand;
import io.github.raftkit.examples.kv.cli.ScanCommand;
import io.github.raftkit.examples.kv.cli.StatusCommand;
import io.github.raftkit.examples.kv.server.ServerCommand;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code raft-kv}, the entry point of the runnable jar: the server, the command-line client and the demo, as
 * subcommands. Without a subcommand it runs the demo, so that the README's first command stays {@code java -jar}.
 */
@Command(name = "raft-kv",
        description = {"A replicated key-value store on raftkit.", "Without a command: runs the demo."},
        subcommands = {ServerCommand.class, DemoCommand.class, PutCommand.class, GetCommand.class,
            DelCommand.class, CasCommand.class, IncrCommand.class, ScanCommand.class, StatusCommand.class,
            MembersCommand.class})
public final class Main implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help.")
    boolean help;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The whole command tree, with the converters, exit statuses and usage that every command shares. */
    public static CommandLine commandLine() {
        CommandLine line = new CommandLine(new Main())
                .registerConverter(Endpoint.class, Endpoint::parse)
                .registerConverter(GroupId.class, GroupId::of)
                .registerConverter(Duration.class, DurationText::parse)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(new FailureExit());
        exitCodesInUsage(line);
        return line;
    }

    private static void exitCodesInUsage(CommandLine line) {
        line.getCommandSpec().usageMessage().exitCodeListHeading("%nExit status:%n").exitCodeList(Exit.usageList());
        line.getSubcommands().values().forEach(Main::exitCodesInUsage);
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        return new DemoCommand().call();
    }
}
