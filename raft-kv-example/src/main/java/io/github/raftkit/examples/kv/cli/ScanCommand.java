package io.github.raftkit.examples.kv.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.raftkit.examples.kv.client.KvClient;
import io.github.raftkit.examples.kv.command.Bytes;
import io.github.raftkit.examples.kv.command.KeyValue;
import io.github.raftkit.examples.kv.command.ScanResult;
import io.github.raftkit.server.cli.Exit;
import io.github.raftkit.server.cli.Printer;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code raft-kv scan PREFIX [--limit N] [--after KEY]}. */
@Command(name = "scan", description = "Prints the keys starting with PREFIX and their values, a tab between, in "
        + "byte order.")
public final class ScanCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "PREFIX", description = "May be \"\" for every key.")
    String prefix;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most N keys. Default: "
            + "${DEFAULT-VALUE}.")
    int limit;

    @Option(names = "--after", paramLabel = "KEY", description = "Only keys after KEY: the last key of a page gives "
            + "the next page.")
    String after;

    @Mixin
    ReadOptions read;

    @Override
    Exit run(KvClient kv) {
        ScanResult result = read.reading(kv).scan(Bytes.utf8(prefix), Optional.ofNullable(after).map(Bytes::utf8),
                limit);
        ObjectNode json = Printer.object();
        ArrayNode entries = json.putArray("entries");
        result.entries().forEach(entry -> entries.add(EntryJson.of(entry)));
        json.put("more", result.more());
        out.print(result.entries().stream().map(ScanCommand::line).collect(Collectors.joining("\n")), json);
        if (result.more() && !out.json()) {
            out.note("(more keys: raise --limit, or pass the last key as --after)");
        }
        return Exit.SUCCESS;
    }

    private static String line(KeyValue entry) {
        return entry.key().utf8() + "\t" + entry.value().utf8();
    }
}
