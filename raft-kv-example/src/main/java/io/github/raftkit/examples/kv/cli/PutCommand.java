package io.github.raftkit.examples.kv.cli;

import io.github.raftkit.examples.kv.client.KvClient;
import io.github.raftkit.examples.kv.command.Bytes;
import io.github.raftkit.examples.kv.command.PutCondition;
import io.github.raftkit.examples.kv.command.PutResult;
import io.github.raftkit.server.cli.Exit;
import io.github.raftkit.server.cli.Printer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code raft-kv put KEY VALUE [--if-absent|--if-present]}. */
@Command(name = "put", description = "Sets KEY to VALUE, always or on a condition; prints the write's revision.")
public final class PutCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "KEY")
    String key;

    @Parameters(index = "1", paramLabel = "VALUE")
    String value;

    @ArgGroup(exclusive = true)
    Condition condition;

    static final class Condition {
        @Option(names = "--if-absent", required = true, description = "Only if KEY does not exist (Redis SET NX).")
        boolean ifAbsent;

        @Option(names = "--if-present", required = true, description = "Only if KEY exists (Redis SET XX).")
        boolean ifPresent;

        PutCondition condition() {
            return ifAbsent ? PutCondition.IF_ABSENT : PutCondition.IF_PRESENT;
        }
    }

    @Override
    Exit run(KvClient kv) {
        PutCondition when = condition == null ? PutCondition.ALWAYS : condition.condition();
        PutResult result = kv.put(Bytes.utf8(key), Bytes.utf8(value), when);
        String text = result.written() ? "OK, revision " + result.revision()
                : "not written: " + (when == PutCondition.IF_ABSENT ? "the key exists" : "no such key");
        out.print(text, Printer.object().put("written", result.written()).put("revision", result.revision())
                .set("previous", EntryJson.of(result.previous())));
        return result.written() ? Exit.SUCCESS : Exit.MISS;
    }
}
