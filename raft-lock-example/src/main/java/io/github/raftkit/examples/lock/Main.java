package io.github.raftkit.examples.lock;

import io.github.raftkit.examples.lock.cli.AcquireCommand;
import io.github.raftkit.examples.lock.cli.HoldersCommand;
import io.github.raftkit.examples.lock.cli.LoadCommand;
import io.github.raftkit.examples.lock.cli.LockRefusal;
import io.github.raftkit.examples.lock.cli.ReleaseCommand;
import io.github.raftkit.examples.lock.cli.SessionCommand;
import io.github.raftkit.examples.lock.demo.DemoCommand;
import io.github.raftkit.examples.lock.server.LockServerCommand;
import io.github.raftkit.server.cli.CommandTree;
import io.github.raftkit.server.cli.Exit;
import io.github.raftkit.server.cli.HelpOption;
import io.github.raftkit.server.cli.MembersCommand;
import io.github.raftkit.server.cli.StatusCommand;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code raft-lock}, the entry point of the runnable jar: the server and the command-line client, as subcommands. */
@Command(name = "raft-lock", description = "A distributed lock service with sessions and fencing tokens, on raftkit.",
        subcommands = {LockServerCommand.class, AcquireCommand.class, ReleaseCommand.class, HoldersCommand.class,
            SessionCommand.class, StatusCommand.class, MembersCommand.class, LoadCommand.class, DemoCommand.class})
public final class Main {
    /** What statuses 1 and 4 mean for the lock commands. */
    private static final Map<Exit, String> EXIT_MEANINGS = Map.of(
            Exit.MISS, "not acquired within --wait (acquire), or no such open session (session)",
            Exit.REJECTED, "refused by the lock service (release of a lock the session does not hold, ...), or "
                    + "the session was lost while waiting or holding (acquire)");

    @Mixin
    HelpOption help;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The whole command tree, with the converters, exit statuses and usage that every command shares. */
    public static CommandLine commandLine() {
        return CommandTree.of(new Main(), new LockRefusal(), EXIT_MEANINGS);
    }
}
