package io.github.raftkit.examples.kv.cli;

import io.github.raftkit.examples.kv.client.KvClient;
import io.github.raftkit.examples.kv.command.KeyValue;
import io.github.raftkit.server.cli.Exit;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code raft-kv get KEY [--consistency ...]}. */
@Command(name = "get", description = "Prints KEY's value (with --json: the entry and its revisions, or null).")
public final class GetCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "KEY")
    String key;

    @Mixin
    ReadOptions read;

    @Override
    Exit run(KvClient kv) {
        Optional<KeyValue> entry = read.reading(kv).get(key);
        if (entry.isEmpty() && !out.json()) {
            out.note("not found: " + key);
        } else {
            out.print(entry.map(e -> e.value().utf8()).orElse(""), EntryJson.of(entry));
        }
        return entry.isPresent() ? Exit.SUCCESS : Exit.MISS;
    }
}
