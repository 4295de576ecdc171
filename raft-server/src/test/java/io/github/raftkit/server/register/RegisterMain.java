package io.github.raftkit.server.register;

import io.github.raftkit.server.cli.CommandTree;
import io.github.raftkit.server.cli.HelpOption;
import io.github.raftkit.server.cli.MembersCommand;
import io.github.raftkit.server.cli.Refusal;
import io.github.raftkit.server.cli.StatusCommand;
import io.github.raftkit.server.launch.ServerCommand;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * An example as small as one can be, written the way a real one uses this module: a {@code server} command that names
 * its state machine and nothing else, and the shared {@code status} and {@code members}.
 */
@Command(name = "register", subcommands = {RegisterMain.Server.class, StatusCommand.class, MembersCommand.class})
public final class RegisterMain {
    @Mixin
    HelpOption help;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return CommandTree.of(new RegisterMain(), Refusal.NONE, Map.of());
    }

    /** {@code register server}: a member whose state machine is the provider {@code register}, with no front end. */
    @Command(name = "server", description = "Runs one member of the replicated register.")
    public static final class Server extends ServerCommand {
        public Server() {
            super("register");
        }
    }
}
