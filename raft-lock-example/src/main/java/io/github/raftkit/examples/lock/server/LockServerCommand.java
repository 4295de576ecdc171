package io.github.raftkit.examples.lock.server;

import io.github.raftkit.server.launch.ServerCommand;
import picocli.CommandLine.Command;

/**
 * {@code raft-lock server}: one member of the lock service, with the flags, config file and admin HTTP port every
 * raftkit example shares (docs/server.md), running the {@code lock} state machine. The lock service needs no front
 * end of its own: clients speak raftkit's client protocol to the member's Raft port.
 */
@Command(name = "server", description = "Runs one member of the lock service.")
public final class LockServerCommand extends ServerCommand {
    public LockServerCommand() {
        super("lock");
    }
}
