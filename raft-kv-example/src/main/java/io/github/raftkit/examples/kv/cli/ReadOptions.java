package io.github.raftkit.examples.kv.cli;

import io.github.raftkit.api.ReadConsistency;
import io.github.raftkit.examples.kv.client.KvClient;
import picocli.CommandLine.Option;

/** {@code --consistency} of the commands that read. */
final class ReadOptions {
    @Option(names = "--consistency", paramLabel = "LEVEL", defaultValue = "linearizable",
            description = "linearizable (through the leader), lease (the leader's lease, no round trip) or stale "
                    + "(what the member asked has applied). Default: ${DEFAULT-VALUE}.")
    ReadConsistency consistency;

    KvClient reading(KvClient kv) {
        return kv.reading(consistency);
    }
}
