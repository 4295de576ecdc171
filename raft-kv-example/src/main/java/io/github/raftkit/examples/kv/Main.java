package io.github.raftkit.examples.kv;

import io.github.raftkit.examples.kv.cli.CasCommand;
import io.github.raftkit.examples.kv.cli.DelCommand;
import io.github.raftkit.examples.kv.cli.GetCommand;
import io.github.raftkit.examples.kv.cli.IncrCommand;
import io.github.raftkit.examples.kv.cli.KvRefusal;
import io.github.raftkit.examples.kv.cli.PutCommand;
import io.github.raftkit.examples.kv.cli.ScanCommand;
import io.github.raftkit.examples.kv.server.KvServerCommand;
import io.github.raftkit.server.cli.CommandTree;
import io.github.raftkit.server.cli.Exit;
import io.github.raftkit.server.cli.HelpOption;
import io.github.raftkit.server.cli.MembersCommand;
import io.github.raftkit.server.cli.StatusCommand;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code raft-kv}, the entry point of the runnable jar: the server, the command-line client and the demo, as
 * subcommands. Without a subcommand it runs the demo, so that the README's first command stays {@code java -jar}.
 */
@Command(name = "raft-kv",
        description = {"A replicated key-value store on raftkit.", "Without a command: runs the demo."},
        subcommands = {KvServerCommand.class, DemoCommand.class, PutCommand.class, GetCommand.class,
            DelCommand.class, CasCommand.class, IncrCommand.class, ScanCommand.class, StatusCommand.class,
            MembersCommand.class})
public final class Main implements Callable<Integer> {
    /** What statuses 1 and 4 mean for the key-value commands. */
    private static final Map<Exit, String> EXIT_MEANINGS = Map.of(
            Exit.MISS, "key not found (get), or condition not met (put --if-absent/--if-present, cas)",
            Exit.REJECTED, "rejected by the store (too large, not an integer, ...)");

    @Mixin
    HelpOption help;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The whole command tree, with the converters, exit statuses and usage that every command shares. */
    public static CommandLine commandLine() {
        return CommandTree.of(new Main(), new KvRefusal(), EXIT_MEANINGS);
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        return new DemoCommand().call();
    }
}
