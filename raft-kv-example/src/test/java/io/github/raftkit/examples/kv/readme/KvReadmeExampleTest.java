package io.github.raftkit.examples.kv.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.raftkit.api.ReadConsistency;
import io.github.raftkit.api.client.ClientConfig;
import io.github.raftkit.core.examples.ReadmeSnippet;
import io.github.raftkit.examples.kv.client.KvClient;
import io.github.raftkit.examples.kv.client.KvCluster;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The README's key-value example, compiled and run here against three members in this JVM, and shown in the README
 * as is (the README's first line builds the configuration for a local {@code bin/cluster} instead).
 */
class KvReadmeExampleTest {
    @Test
    void theExampleRunsAndLeavesWhatItSays() {
        try (KvCluster cluster = new KvCluster()) {
            ClientConfig config = cluster.clientConfig();
            example(config);

            try (KvClient kv = KvClient.connect(config)) {
                assertEquals("green", kv.get("color").orElseThrow().value().utf8());
                assertEquals("1", kv.get("visits").orElseThrow().value().utf8());
            }
        }
    }

    @Test
    void theReadmeShowsTheExampleAsItRuns() throws IOException {
        ReadmeSnippet.assertShown("src/test/java/io/github/raftkit/examples/kv/readme/KvReadmeExampleTest.java");
    }

    private static void example(ClientConfig config) {
        // ---- README example: begin ----
        try (KvClient kv = KvClient.connect(config)) {
            kv.put("color", "blue");
            long revision = kv.get("color").orElseThrow().modRevision();
            kv.compareAndSet("color", revision, "green");          // CasResult: succeeded, or the current entry
            kv.increment("visits", 1);                            // KvException(NOT_AN_INTEGER) if it holds text
            kv.reading(ReadConsistency.STALE).scan("col", 100);   // up to 100 keys with the prefix, in byte order
        }
        // ---- README example: end ----
    }
}
