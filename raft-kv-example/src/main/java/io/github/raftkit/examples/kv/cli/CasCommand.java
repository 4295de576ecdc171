package io.github.raftkit.examples.kv.cli;

import io.github.raftkit.examples.kv.client.KvClient;
import io.github.raftkit.examples.kv.command.CasResult;
import io.github.raftkit.server.cli.Exit;
import io.github.raftkit.server.cli.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code raft-kv cas KEY EXPECTED_MOD_REVISION VALUE}. */
@Command(name = "cas", description = {"Sets KEY to VALUE only if its mod revision is EXPECTED_MOD_REVISION "
        + "(0: only if KEY does not exist).", "Take the revision from 'get --json' or from the write that set it."})
public final class CasCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "KEY")
    String key;

    @Parameters(index = "1", paramLabel = "EXPECTED_MOD_REVISION")
    long expected;

    @Parameters(index = "2", paramLabel = "VALUE")
    String value;

    @Override
    Exit run(KvClient kv) {
        CasResult result = kv.compareAndSet(key, expected, value);
        String text = result.succeeded() ? "OK, revision " + result.revision()
                : "not swapped: " + result.current().map(e -> "its mod revision is " + e.modRevision())
                        .orElse("no such key");
        out.print(text, Printer.object().put("succeeded", result.succeeded()).put("revision", result.revision())
                .set("current", EntryJson.of(result.current())));
        return result.succeeded() ? Exit.SUCCESS : Exit.MISS;
    }
}
