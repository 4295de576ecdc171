package io.github.raftkit.examples.lock.cli;

import io.github.raftkit.api.client.ClientConfig;
import io.github.raftkit.examples.lock.command.LockResult;
import io.github.raftkit.server.cli.Exit;
import io.github.raftkit.server.cli.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code raft-lock release NAME --session ID}: an operator's release of a hold that some session has, such as that
 * of a holder that is stuck but still keeps its session alive.
 */
@Command(name = "release", description = {"Releases one hold of NAME by session ID, on its behalf (this also "
        + "renews that session). Its holder is not told, and may still believe it holds the lock: fencing tokens are "
        + "what protect the resource from it.", "Exit 4 if the session does not hold NAME, or is not open."})
public final class ReleaseCommand extends ClusterCommand {
    @Parameters(index = "0", paramLabel = "NAME", converter = LockNameConverter.class)
    String name;

    @Option(names = "--session", paramLabel = "ID", required = true,
            description = "The holder's session, as 'holders' prints it.")
    long session;

    @Override
    int run(ClientConfig config) {
        LockResult.Released released;
        try (LockService service = LockService.connect(config)) {
            released = service.release(session, name);
        }
        String text = "released " + name + (released.holdsLeft() == 0 ? ""
                : "; session " + session + " still holds it " + released.holdsLeft() + " more times");
        out.print(text, Printer.object().put("name", name).put("session", session)
                .put("holdsLeft", released.holdsLeft()));
        return Exit.SUCCESS.code();
    }
}
