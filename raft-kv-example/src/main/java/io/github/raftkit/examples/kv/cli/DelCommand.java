package io.github.raftkit.examples.kv.cli;

import io.github.raftkit.examples.kv.client.KvClient;
import io.github.raftkit.examples.kv.command.DeleteResult;
import io.github.raftkit.server.cli.Exit;
import io.github.raftkit.server.cli.Printer;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code raft-kv del KEY...}: deleting a missing key is no failure, as in Redis and etcd. */
@Command(name = "del", description = "Deletes the keys in one write; prints how many existed.")
public final class DelCommand extends ClientCommand {
    @Parameters(arity = "1..*", paramLabel = "KEY")
    List<String> keys;

    @Override
    Exit run(KvClient kv) {
        DeleteResult result = kv.delete(keys.toArray(String[]::new));
        out.print("deleted " + result.deleted() + ", revision " + result.revision(),
                Printer.object().put("deleted", result.deleted()).put("revision", result.revision()));
        return Exit.SUCCESS;
    }
}
