package io.github.raftkit.examples.kv.cli;

import io.github.raftkit.examples.kv.client.KvClient;
import io.github.raftkit.examples.kv.command.IncrementResult;
import io.github.raftkit.server.cli.Exit;
import io.github.raftkit.server.cli.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code raft-kv incr KEY [DELTA]}. */
@Command(name = "incr", description = "Adds DELTA (default 1, may be negative) to the integer at KEY (missing: 0); "
        + "prints the new value.")
public final class IncrCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "KEY")
    String key;

    @Parameters(index = "1", paramLabel = "DELTA", defaultValue = "1", arity = "0..1")
    long delta;

    @Override
    Exit run(KvClient kv) {
        IncrementResult result = kv.increment(key, delta);
        out.print(Long.toString(result.value()),
                Printer.object().put("value", result.value()).put("revision", result.revision()));
        return Exit.SUCCESS;
    }
}
